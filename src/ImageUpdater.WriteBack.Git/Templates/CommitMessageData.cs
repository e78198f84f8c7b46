namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>What a commit-message template sees: <c>.AppName</c> and <c>.AppChanges</c>, as in the reference.</summary>
internal sealed record CommitMessageData(string AppName, IReadOnlyList<CommitChange> AppChanges)
{
    internal GoStruct ToGoValue() => new("argocd.commitMessageTemplate",
    [
        new("AppName", AppName),
        new("AppChanges", new GoSlice("[]argocd.commitMessageChange", AppChanges.Select(change => (object?)change.ToGoValue()).ToList())),
    ]);
}

/// <summary>
/// One image change: the image without its registry, tags (the digest when there is one) and the new image's labels
/// (null when it has none, which templates see as Go's nil map).
/// </summary>
internal sealed record CommitChange(string Image, string OldTag, string NewTag, IReadOnlyDictionary<string, string>? Labels = null)
{
    internal GoStruct ToGoValue() => new("argocd.commitMessageChange",
    [
        new("Image", Image),
        new("OldTag", OldTag),
        new("NewTag", NewTag),
        new("Labels", new GoMap(Labels)),
    ]);
}
