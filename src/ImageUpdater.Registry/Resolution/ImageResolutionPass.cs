using ImageUpdater.Credentials;
using ImageUpdater.Engine;

namespace ImageUpdater.Registry.Resolution;

/// <summary>
/// One pass of <see cref="ImageResolver"/>: prepares each image's selection, classifies its repository's tags once,
/// fetches the metadata of the candidates and lets the strategy choose. Expected failures become values.
/// </summary>
internal sealed class ImageResolutionPass(ITagCandidateSource source, ITagSelectionPlanner planner, ImageResolver resolver) : IImageResolutionPass
{
    // Enough for every distinct (candidates, plan) pair of a large installation; beyond it choices are still made,
    // only no longer remembered.
    private const int MaxSharedChoices = 65_536;

    // The registry pass hands one TagCandidates object to every image asking the same question of a repository, and
    // the planner one plan object to identical settings: such images get the same choice, made once per pass (a
    // semver choice parses every candidate). Keyed by reference: both objects are immutable.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ChoiceKey, TagChoice> _choices = new();
    private bool _disposed;

    // As in the reference, a platform entry that does not parse matches nothing; say so instead of staying silent.
    private static IReadOnlyList<string> WarningsOf(ITagSelectionPlan plan, ImageUpdateSettings settings)
    {
        List<string>? warnings = null;
        foreach (var entry in settings.Platforms)
        {
            if (!Platform.TryParse(entry, out _))
            {
                warnings ??= [.. plan.Warnings];
                warnings.Add($"Platform '{entry}' is not os/arch[/variant]; it matches no image.");
            }
        }

        return warnings ?? plan.Warnings;
    }

    public async ValueTask<ImageResolution> ResolveAsync(ImageResolutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var image = request.Image.Image;
        var settings = request.Image.Settings;
        var plan = planner.Prepare(settings);
        var resolution = new ImageResolution { Image = image, Strategy = plan.Strategy, Warnings = WarningsOf(plan, settings) };
        if (plan.Error is not null)
        {
            return resolution with { Error = Failure(UpdateErrorKind.Configuration, image, plan.Error) };
        }

        TagCandidates candidates;
        try
        {
            candidates = await source.GetCandidatesAsync(
                new TagCandidateRequest
                {
                    Image = image,
                    Endpoint = resolver.EndpointFor(image),
                    Settings = settings,
                    ApplicationNamespace = request.ApplicationNamespace,
                    MetadataNeeds = plan.MetadataNeeds,
                    Classify = plan.Classify,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryException ex)
        {
            return resolution with { Error = Failure(KindOf(ex), image, ex.Message) };
        }
        catch (CredentialException ex)
        {
            return resolution with { Error = Failure(UpdateErrorKind.Credentials, image, ex.Message) };
        }
        catch (ConfigurationException ex)
        {
            return resolution with { Error = Failure(UpdateErrorKind.Configuration, image, ex.Message) };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's cancellation: a timeout below the registry client's retries (HttpClient.Timeout).
            return resolution with { Error = Failure(UpdateErrorKind.Timeout, image, "timed out: " + ex.Message) };
        }

        var choice = ChooseOnce(plan, candidates);
        var funnel = candidates.Funnel with
        {
            Unparseable = candidates.Funnel.Unparseable + choice.Unparseable,
            OutsideConstraint = candidates.Funnel.OutsideConstraint + choice.OutsideConstraint,
            Candidates = candidates.Tags.Count - choice.Unparseable - choice.OutsideConstraint,
        };
        resolution = resolution with { Funnel = funnel, Skipped = candidates.Skipped };
        return choice.Selection.Error is { } error
            ? resolution with { Error = Failure(UpdateErrorKind.Configuration, image, error) }
            : resolution with { Selected = choice.Selection.Tag };
    }

    public void Dispose()
    {
        _disposed = true;
        _choices.Clear();
    }

    private TagChoice ChooseOnce(ITagSelectionPlan plan, TagCandidates candidates)
    {
        var key = new ChoiceKey(candidates, plan);
        if (_choices.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var choice = plan.Choose(candidates.Tags);
        return _choices.Count < MaxSharedChoices ? _choices.GetOrAdd(key, choice) : choice;
    }

    private static UpdateError Failure(UpdateErrorKind kind, ImageReference image, string message) =>
        new(kind, $"image {image.FullName}: {message}");

    // A credential that could not be had is reported as such even though the registry client wrapped it.
    private static UpdateErrorKind KindOf(RegistryException ex) => ex.InnerException is CredentialException
        ? UpdateErrorKind.Credentials
        : ex.Kind switch
        {
            RegistryErrorKind.NotFound => UpdateErrorKind.NotFound,
            RegistryErrorKind.Unauthorized => UpdateErrorKind.Unauthorized,
            RegistryErrorKind.RateLimited => UpdateErrorKind.RateLimited,
            RegistryErrorKind.InvalidContent => UpdateErrorKind.InvalidContent,
            RegistryErrorKind.Timeout => UpdateErrorKind.Timeout,
            _ => UpdateErrorKind.Transport,
        };

    /// <summary>A candidates object and a plan, compared by reference.</summary>
    private readonly struct ChoiceKey(TagCandidates candidates, ITagSelectionPlan plan) : IEquatable<ChoiceKey>
    {
        private readonly TagCandidates _candidates = candidates;
        private readonly ITagSelectionPlan _plan = plan;

        public bool Equals(ChoiceKey other) => ReferenceEquals(_candidates, other._candidates) && ReferenceEquals(_plan, other._plan);

        public override bool Equals(object? obj) => obj is ChoiceKey other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_candidates),
            System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_plan));
    }
}
