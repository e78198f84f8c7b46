namespace ImageUpdater.Annotations.Manifests;

/// <summary>Raised inside the tree readers for malformed input or an exceeded limit; converted to a configuration error.</summary>
internal sealed class ManifestSyntaxException(string message, long? line, long? column) : Exception(message)
{
    public long? Line { get; } = line;

    public long? Column { get; } = column;
}
