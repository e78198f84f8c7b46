using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// The options of <c>run</c> against a cluster (no <c>--apps</c>), named as the reference names them, with the
/// reference's environment variables where it has them.
/// </summary>
internal sealed class ClusterOptions
{
    private ClusterOptions()
    {
    }

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig")
    {
        Description = "Kubeconfig file of the cluster; else the pod's service account in a cluster, else ~/.kube/config.",
        HelpName = "PATH",
    };

    public Option<string?> ArgoCdNamespace { get; } = new("--argocd-namespace")
    {
        Description = "Namespace Argo CD runs in (default: the kubeconfig context's or the pod's namespace).",
        HelpName = "NAMESPACE",
    };

    public Option<string[]> WatchNamespaces { get; } = new("--watch-namespaces")
    {
        Description = "Namespaces to read Applications and ImageUpdater resources from (comma-separated or repeated; '*' for all). Default: the Argo CD namespace.",
        HelpName = "NS[,NS...]",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> ApplicationLabel { get; } = new("--match-application-label")
    {
        Description = "Label selector Applications must match; applied by the API server.",
        HelpName = "SELECTOR",
    };

    public Option<bool> DisableKubeEvents { get; } = new("--disable-kube-events")
    {
        Description = "Do not record an ImagesUpdated Event on updated Applications (env IMAGE_UPDATER_KUBE_EVENTS).",
        DefaultValueFactory = _ => EnvironmentBool("IMAGE_UPDATER_KUBE_EVENTS"),
    };

    public Option<bool> LeaderElection { get; } = new("--leader-election")
    {
        Description = "Run cycles only while this replica holds the leader election Lease.",
    };

    public Option<string> LeaseName { get; } = new("--leader-election-id")
    {
        Description = "Name of the leader election Lease.",
        DefaultValueFactory = _ => "argocd-image-updater-leader",
        HelpName = "NAME",
    };

    public Option<string?> LeaseNamespace { get; } = new("--leader-election-namespace")
    {
        Description = "Namespace of the leader election Lease (default: the Argo CD namespace).",
        HelpName = "NAMESPACE",
    };

    public Option<TimeSpan> LeaseDuration { get; } = new("--leader-election-lease-duration")
    {
        Description = "How long the Lease holds without renewal.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(15),
        HelpName = "DURATION",
    };

    public Option<TimeSpan> RenewDeadline { get; } = new("--leader-election-renew-deadline")
    {
        Description = "How long the leader retries renewing before it stops leading.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(10),
        HelpName = "DURATION",
    };

    public Option<TimeSpan> RetryPeriod { get; } = new("--leader-election-retry-period")
    {
        Description = "How often the Lease is tried and renewed.",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(2),
        HelpName = "DURATION",
    };

    public static ClusterOptions AddTo(Command command)
    {
        var options = new ClusterOptions();
        foreach (var option in new Option[]
        {
            options.Kubeconfig, options.ArgoCdNamespace, options.WatchNamespaces, options.ApplicationLabel, options.DisableKubeEvents,
            options.LeaderElection, options.LeaseName, options.LeaseNamespace, options.LeaseDuration, options.RenewDeadline, options.RetryPeriod,
        })
        {
            command.Options.Add(option);
        }

        return options;
    }

    public ClusterRequest Read(ParseResult parseResult) => new()
    {
        KubeconfigPath = parseResult.GetValue(Kubeconfig),
        ArgoCdNamespace = parseResult.GetValue(ArgoCdNamespace),
        WatchNamespaces = (parseResult.GetValue(WatchNamespaces) ?? [])
            .SelectMany(static v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray(),
        ApplicationLabelSelector = parseResult.GetValue(ApplicationLabel),
        RecordEvents = !parseResult.GetValue(DisableKubeEvents),
        LeaderElection = parseResult.GetValue(LeaderElection),
        LeaseName = parseResult.GetRequiredValue(LeaseName),
        LeaseNamespace = parseResult.GetValue(LeaseNamespace),
        LeaseDuration = parseResult.GetValue(LeaseDuration),
        RenewDeadline = parseResult.GetValue(RenewDeadline),
        RetryPeriod = parseResult.GetValue(RetryPeriod),
    };

    // The reference reads booleans with strconv.ParseBool.
    private static bool EnvironmentBool(string name) =>
        Environment.GetEnvironmentVariable(name)?.Trim().ToUpperInvariant() is "1" or "T" or "TRUE";
}

/// <summary>The cluster options of one <c>run</c>.</summary>
internal sealed record ClusterRequest
{
    public string? KubeconfigPath { get; init; }

    public string? ArgoCdNamespace { get; init; }

    public IReadOnlyList<string> WatchNamespaces { get; init; } = [];

    public string? ApplicationLabelSelector { get; init; }

    public bool RecordEvents { get; init; } = true;

    public bool LeaderElection { get; init; }

    public string LeaseName { get; init; } = "argocd-image-updater-leader";

    public string? LeaseNamespace { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}
