namespace ImageUpdater.Engine;

/// <summary>A problem with one item of a cycle, as a value: its kind and a message that names the item.</summary>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Message">What went wrong, naming the application, image, registry or file.</param>
public sealed record UpdateError(UpdateErrorKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
