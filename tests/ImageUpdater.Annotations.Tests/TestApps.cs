using ImageUpdater.Applications;

namespace ImageUpdater.Annotations.Tests;

internal static class TestApps
{
    public static ArgoApplication Helm(string name = "guestbook", Dictionary<string, string>? annotations = null, Dictionary<string, string>? labels = null, string ns = "argocd") => new()
    {
        Name = name,
        Namespace = ns,
        Annotations = annotations ?? [],
        Labels = labels ?? [],
        Source = new ApplicationSource { RepositoryUrl = "https://example.com/repo.git", Path = "charts/app", Helm = new HelmSource() },
        SourceType = "Helm",
    };

    public static ArgoApplication Kustomize(string name = "guestbook", Dictionary<string, string>? annotations = null) => new()
    {
        Name = name,
        Namespace = "argocd",
        Annotations = annotations ?? [],
        Source = new ApplicationSource { RepositoryUrl = "https://example.com/repo.git", Path = "overlays/prod", Kustomize = new KustomizeSource() },
        SourceType = "Kustomize",
    };

    public static Dictionary<string, string> Ann(params (string Key, string Value)[] entries)
    {
        var result = new Dictionary<string, string>();
        foreach (var (key, value) in entries)
        {
            result[key.StartsWith(AnnotationKeys.Prefix, StringComparison.Ordinal) ? key : AnnotationKeys.Prefix + key] = value;
        }

        return result;
    }
}
