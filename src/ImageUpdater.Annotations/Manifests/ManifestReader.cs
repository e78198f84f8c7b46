using ImageUpdater.Applications;
using ImageUpdater.Policies;
using ImageUpdater.Yaml;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Annotations.Manifests;

/// <summary>
/// Reads Argo CD <c>Application</c> and <c>ImageUpdater</c> objects from YAML or JSON text: one or many documents per
/// file (<c>---</c> separated, concatenated JSON values, a JSON array, or a <c>List</c> with <c>items</c>). Other kinds
/// are skipped. Never throws for bad input: every problem is an error in the result naming file, line, document and field.
/// </summary>
public sealed class ManifestReader
{
    private const string ApplicationApiGroup = "argoproj.io/";
    private readonly ManifestReaderOptions _options;

    /// <summary>Creates a reader with the default limits.</summary>
    public ManifestReader()
        : this(new ManifestReaderOptions())
    {
    }

    /// <summary>Creates a reader with the given limits.</summary>
    /// <param name="options">The limits.</param>
    public ManifestReader(ManifestReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Creates a reader with limits from configuration.</summary>
    /// <param name="options">The limits.</param>
    public ManifestReader(IOptions<ManifestReaderOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Reads the objects in a text.</summary>
    /// <param name="text">YAML or JSON.</param>
    /// <param name="fileName">The name used in error messages.</param>
    /// <returns>The objects and errors.</returns>
    public ManifestSet Read(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = string.IsNullOrEmpty(fileName) ? "<input>" : fileName;
        var errors = new List<ConfigurationException>();
        var applications = new List<ArgoApplication>();
        var imageUpdaters = new List<ImageUpdaterResource>();
        var others = 0;
        var invalidImageUpdaters = 0;
        var index = 0;
        try
        {
            foreach (var (root, line) in ReadTrees(text))
            {
                index++;
                if (root is null)
                {
                    continue;
                }

                var location = new ConfigurationLocation(file, line, Resource: "document " + index);
                foreach (var (obj, objLocation) in Objects(root, location, errors))
                {
                    var kind = Dispatch(obj, objLocation, applications, imageUpdaters, errors);
                    others += kind == DocumentKind.Other ? 1 : 0;
                    invalidImageUpdaters += kind == DocumentKind.InvalidImageUpdater ? 1 : 0;
                }
            }
        }
        catch (TreeSyntaxException ex)
        {
            var reason = ex.IsInvalidSyntax ? (IsJson(text) ? "Invalid JSON: " : "Invalid YAML: ") + ex.Message : ex.Message;
            // Documents are read one at a time, so the error is in the one after the last read.
            errors.Add(new ConfigurationException(reason, new ConfigurationLocation(file, ex.Line, ex.Column, "document " + (index + 1))));
        }

        return new ManifestSet { Applications = applications, ImageUpdaters = imageUpdaters, Errors = errors, OtherDocuments = others, InvalidImageUpdaters = invalidImageUpdaters };
    }

    /// <summary>Reads the objects in a file; a file that cannot be read gives an error naming it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The objects and errors.</returns>
    public async Task<ManifestSet> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > (long)_options.MaxTextLength * 4)
            {
                return Failed(path, $"The file is {info.Length} bytes long, more than the limit.");
            }

            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return Read(text, path);
        }
        catch (IOException ex)
        {
            return Failed(path, "Cannot read the file: " + ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return Failed(path, "Cannot read the file: " + ex.Message);
        }

        static ManifestSet Failed(string path, string reason) =>
            new() { Errors = [new ConfigurationException(reason, new ConfigurationLocation(path))] };
    }

    private IEnumerable<(TreeNode? Root, long Line)> ReadTrees(string text)
    {
        var options = new TreeReaderOptions
        {
            MaxTextLength = _options.MaxTextLength,
            MaxDepth = _options.MaxDepth,
            MaxNodes = _options.MaxNodes,
            MaxDocuments = _options.MaxDocuments,
        };

        // JSON is read as JSON: YAML parsers reject some valid JSON (tabs, long keys).
        return IsJson(text) ? new JsonTreeReader(options).Read(text) : new YamlTreeReader(options).Read(text);
    }

    private static bool IsJson(string text)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }

        return start < text.Length && text[start] is '{' or '[';
    }

    // A JSON array or a List kind holds several objects.
    private static IEnumerable<(MappingNode Object, ConfigurationLocation Location)> Objects(TreeNode root, ConfigurationLocation location, List<ConfigurationException> errors)
    {
        IReadOnlyList<TreeNode>? items = null;
        var itemsName = "items";
        if (root is SequenceNode sequence)
        {
            items = sequence.Items;
            itemsName = string.Empty;
        }
        else if (root is MappingNode mapping && mapping["items"] is SequenceNode listItems
            && mapping["kind"] is ScalarNode { Value: var kind } && kind.EndsWith("List", StringComparison.Ordinal))
        {
            items = listItems.Items;
        }

        if (items is null)
        {
            if (root is MappingNode single)
            {
                yield return (single, location);
            }
            else
            {
                errors.Add(new ConfigurationException($"A document must be a mapping, not {root.KindName}.", location));
            }

            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var itemLocation = location with { Resource = $"{location.Resource} {itemsName}[{i}]" };
            if (items[i] is MappingNode item)
            {
                yield return (item, itemLocation);
            }
            else if (items[i] is not ScalarNode { IsNull: true })
            {
                errors.Add(new ConfigurationException($"A list item must be a mapping, not {items[i].KindName}.", itemLocation));
            }
        }
    }

    private static DocumentKind Dispatch(
        MappingNode obj,
        ConfigurationLocation location,
        List<ArgoApplication> applications,
        List<ImageUpdaterResource> imageUpdaters,
        List<ConfigurationException> errors)
    {
        var kind = (obj["kind"] as ScalarNode)?.Value;
        var apiVersion = (obj["apiVersion"] as ScalarNode)?.Value ?? string.Empty;
        var reader = new NodeReader(location with { Line = obj.Line ?? location.Line }, errors);
        if (kind == "Application" && apiVersion.StartsWith(ApplicationApiGroup, StringComparison.Ordinal))
        {
            if (ApplicationMapper.Map(obj, reader) is { } application)
            {
                applications.Add(application);
            }

            return DocumentKind.Known;
        }

        if (kind == ImageUpdaterResource.Kind && apiVersion.StartsWith("argocd-image-updater.argoproj.io/", StringComparison.Ordinal))
        {
            if (apiVersion != ImageUpdaterResource.ApiVersion)
            {
                reader.Error($"Unsupported apiVersion '{apiVersion}'; expected '{ImageUpdaterResource.ApiVersion}'.", "apiVersion", obj["apiVersion"]);
                return DocumentKind.InvalidImageUpdater;
            }

            if (ImageUpdaterMapper.Map(obj, reader) is not { } resource)
            {
                return DocumentKind.InvalidImageUpdater;
            }

            imageUpdaters.Add(resource);
            return DocumentKind.Known;
        }

        return DocumentKind.Other;
    }

    private enum DocumentKind
    {
        Known,
        InvalidImageUpdater,
        Other,
    }
}
