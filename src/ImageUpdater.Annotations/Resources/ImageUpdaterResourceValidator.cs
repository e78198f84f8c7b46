using System.Text.RegularExpressions;
using ImageUpdater.Policies;
using ImageUpdater.Text;

namespace ImageUpdater.Annotations;

/// <summary>
/// Applies the <c>ImageUpdater</c> resource's schema rules (the CRD's validation markers), so that a resource read from a
/// file is held to what the Kubernetes API server would accept, plus the reference's check of name patterns.
/// </summary>
internal static partial class ImageUpdaterResourceValidator
{
    /// <summary>Checks a resource, reporting every violation with the field path.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The errors; empty when the resource is valid.</returns>
    public static IReadOnlyList<ConfigurationException> Validate(ImageUpdaterResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var errors = new List<ConfigurationException>();
        var location = resource.Location with { Resource = string.IsNullOrEmpty(resource.Location.Resource) ? resource.DisplayName : resource.Location.Resource };
        void Add(string key, string reason) => errors.Add(new ConfigurationException(reason, location with { Key = key }));

        CheckMethod(resource.WriteBackConfig, "spec.writeBackConfig", Add);
        if (resource.ApplicationRefs.Count == 0)
        {
            Add("spec.applicationRefs", "At least one application reference is required.");
        }

        var patterns = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < resource.ApplicationRefs.Count; r++)
        {
            var reference = resource.ApplicationRefs[r];
            var path = $"spec.applicationRefs[{r}]";
            if (reference.NamePattern.Length == 0)
            {
                Add(path + ".namePattern", "A name pattern is required.");
            }
            else if (!GoGlob.IsValid(reference.NamePattern))
            {
                Add(path + ".namePattern", $"Invalid name pattern '{reference.NamePattern}': not a valid glob.");
            }
            else if (!patterns.Add(reference.NamePattern))
            {
                Add(path + ".namePattern", $"Duplicate name pattern '{reference.NamePattern}': each application reference needs its own.");
            }

            CheckMethod(reference.WriteBackConfig, path + ".writeBackConfig", Add);
            if (reference.UseAnnotations != true && reference.Images.Count == 0)
            {
                Add(path + ".images", "Either useAnnotations must be true, or images must be provided with at least one item.");
            }

            var aliases = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < reference.Images.Count; i++)
            {
                CheckImage(reference.Images[i], $"{path}.images[{i}]", aliases, Add);
            }
        }

        return errors;
    }

    private static void CheckImage(ImageConfigSpec image, string path, HashSet<string> aliases, Action<string, string> add)
    {
        if (image.Alias.Length == 0)
        {
            add(path + ".alias", "An alias is required.");
        }
        else if (!AliasPattern().IsMatch(image.Alias))
        {
            add(path + ".alias", $"Alias '{image.Alias}' must match ^[a-zA-Z0-9][a-zA-Z0-9-._]*$.");
        }
        else if (!aliases.Add(image.Alias))
        {
            add(path + ".alias", $"Duplicate alias '{image.Alias}' in this application reference.");
        }

        if (image.ImageName.Length == 0)
        {
            add(path + ".imageName", "An image name is required.");
        }

        if (image.ManifestTargets is { } targets)
        {
            if ((targets.Helm is null) == (targets.Kustomize is null))
            {
                add(path + ".manifestTargets", "Exactly one of helm or kustomize must be specified within manifestTargets if the block is present.");
            }
            else if (targets.Kustomize is { } kustomize && string.IsNullOrEmpty(kustomize.Name))
            {
                add(path + ".manifestTargets.kustomize.name", "A name is required.");
            }
        }
    }

    private static void CheckMethod(WriteBackConfigSpec? writeBack, string path, Action<string, string> add)
    {
        if (writeBack?.Method is { } method && !MethodPattern().IsMatch(method))
        {
            add(path + ".method", $"Method '{method}' must be 'argocd', 'git' or 'git:<credentials>' (^(argocd|git|git:[a-zA-Z0-9][a-zA-Z0-9-._/:]*)$).");
        }
    }

    // \z, not $: .NET's $ also matches before a final newline; the API server's Go patterns do not.
    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9-._]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^(argocd|git|git:[a-zA-Z0-9][a-zA-Z0-9-._/:]*)\z", RegexOptions.CultureInvariant)]
    private static partial Regex MethodPattern();
}
