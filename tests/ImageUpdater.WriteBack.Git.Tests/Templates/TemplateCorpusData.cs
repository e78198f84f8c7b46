using ImageUpdater.WriteBack.Git.Templates;

namespace ImageUpdater.WriteBack.Git.Tests.Templates;

/// <summary>The data sets of tests/tools/template-corpus/main.go, built through the types the write-back uses.</summary>
internal static class TemplateCorpusData
{
    public static CommitMessageData Sample { get; } = new("example-app",
    [
        new CommitChange("example/example", "1.0.0", "1.0.1"),
        new CommitChange(
            "example/updater",
            "sha256:01d09d19c2139a46aebfb577780d123d7396e97201bc7ead210a2ebff8239dee",
            "sha256:7aa7a5359173d05b63cfd682e3c38487f3cb4f7f1d60659fe59fab1505977d4c"),
    ]);

    public static CommitMessageData Commit { get; } = new("guestbook",
    [
        new CommitChange("argoproj/guestbook", "v0.1.0", "v0.2.0", new Dictionary<string, string>
        {
            ["org.opencontainers.image.source"] = "https://github.com/argoproj/guestbook",
            ["org.opencontainers.image.version"] = "v0.2.0",
            ["org.opencontainers.image.revision"] = "3f2a9c1",
            ["maintainer"] = "Jane Doe <jane@example.com>",
        }),
        new CommitChange("library/nginx", "1.25.3", "1.25.4", new Dictionary<string, string>()),
        new CommitChange(
            "acme/api",
            "sha256:1111111111111111111111111111111111111111111111111111111111111111",
            "sha256:2222222222222222222222222222222222222222222222222222222222222222"),
    ]);

    public static CommitMessageData Empty { get; } = new("idle-app", []);

    public static BranchNameData Branch { get; } = new("guestbook", "argocd",
    [
        new BranchImage("argoproj/guestbook", "guestbook", "v0.1.0", "v0.2.0"),
        new BranchImage("library/nginx", "web", "1.25.3", "1.25.4"),
    ]);

    public static object ValueOf(string dataSet) => dataSet switch
    {
        "sample" => Sample.ToGoValue(),
        "commit" => Commit.ToGoValue(),
        "empty" => Empty.ToGoValue(),
        "branch" => Branch.ToGoValue(),
        _ => throw new ArgumentOutOfRangeException(nameof(dataSet), dataSet, "unknown data set"),
    };
}
