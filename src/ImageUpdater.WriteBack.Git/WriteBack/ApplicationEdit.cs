using ImageUpdater.Engine;
using ImageUpdater.WriteBack.Git.Editing;

namespace ImageUpdater.WriteBack.Git;

/// <summary>
/// One application's edit of a checkout, as the git layer's apply function. An editor error (a target leaving the
/// checkout, a file that does not parse) is recorded in <see cref="Failure"/> and changes nothing, so that only this
/// application fails while the others of its repository still commit and push.
/// </summary>
internal sealed class ApplicationEdit(ApplicationChangeSet changeSet, string controllerNamespace)
{
    public ApplicationChangeSet ChangeSet { get; } = changeSet;

    /// <summary>Gets why the last application of the edit failed, or <see langword="null"/>.</summary>
    public string? Failure { get; private set; }

    public ValueTask<IReadOnlyList<string>> ApplyAsync(string checkout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Failure = null;
        var policy = ChangeSet.Policy;

        // An override file lists every managed image, as the reference writes them all; other targets take the changes.
        var images = policy.WriteBack.Target.Kind is Policies.WriteBackTargetKind.ParameterOverrides or Policies.WriteBackTargetKind.OverrideFile
            ? ChangeSet.UpToDate.Concat(ChangeSet.Changes)
            : ChangeSet.Changes;
        try
        {
            return ValueTask.FromResult(TargetFiles.Write(checkout, policy, [.. images.Select(ImageEdits.From)], controllerNamespace));
        }
        catch (ConfigurationException e)
        {
            Failure = e.Message;
            return ValueTask.FromResult<IReadOnlyList<string>>([]);
        }
    }
}
