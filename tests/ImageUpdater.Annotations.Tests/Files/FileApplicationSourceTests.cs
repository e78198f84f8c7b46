using ImageUpdater.Annotations.Files;
using ImageUpdater.Annotations.Manifests;
using ImageUpdater.Engine;
using ImageUpdater.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Annotations.Tests.Files;

public sealed class FileApplicationSourceTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("image-updater-files-");

    private string Root => Path.Combine(_work.FullName, "root");

    public FileApplicationSourceTests() => Directory.CreateDirectory(Root);

    public void Dispose() => _work.Delete(recursive: true);

    private static string App(string name) =>
        $"apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: {name}\n  namespace: argocd\n"
        + "  annotations:\n    argocd-image-updater.argoproj.io/image-list: nginx:1.x\n"
        + "spec:\n  source: {repoURL: https://example.com/repo.git, path: charts, helm: {}}\n";

    private string Write(string relativePath, string text) => WriteBytes(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    private string WriteBytes(string relativePath, byte[] bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private FileApplicationSource Source(int maxTextLength = 8 * 1024 * 1024) => new(
        Options.Create(new FileApplicationSourceOptions { Directory = Root }),
        Options.Create(new ManifestReaderOptions { MaxTextLength = maxTextLength }));

    private async Task<ApplicationSourceSnapshot> Read(int maxTextLength = 8 * 1024 * 1024) =>
        await Source(maxTextLength).ReadAsync(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Reads_manifest_files_in_nested_folders_in_ordinal_order_named_relative_to_the_root()
    {
        Write("b.yaml", App("b"));
        Write("a/z.json", """{"kind": "ConfigMap"}""");
        Write("a/B.yml", App("ab"));
        Write("A.YAML", App("upper"));
        Write("notes.txt", "not a manifest");
        Write("a/deeper/c.yaml", App("c"));
        var snapshot = await Read();
        Assert.Empty(snapshot.Errors);
        Assert.Equal(["A.YAML", "a/B.yml", "a/deeper/c.yaml", "a/z.json", "b.yaml"], snapshot.Documents.Select(d => d.Origin));
        Assert.Equal(App("c"), snapshot.Documents[2].Content);
    }

    [Fact]
    public async Task Skips_hidden_folders_such_as_git()
    {
        Write(".git/config.yaml", App("git"));
        Write("apps/.hidden/x.yaml", App("hidden"));
        Write("apps/.argocd-source-web.yaml", "helm: {parameters: []}\n");
        var snapshot = await Read();
        Assert.Equal(["apps/.argocd-source-web.yaml"], snapshot.Documents.Select(d => d.Origin));
    }

    [Fact]
    public async Task Does_not_follow_a_linked_folder_out_of_the_root_and_refuses_a_linked_file_out_of_it()
    {
        var outside = Path.Combine(_work.FullName, "outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "secret.yaml"), App("outside"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "linked"), outside);
        File.CreateSymbolicLink(Path.Combine(Root, "link.yaml"), Path.Combine(outside, "secret.yaml"));
        Write("inside/real.yaml", App("real"));
        File.CreateSymbolicLink(Path.Combine(Root, "alias.yaml"), Path.Combine(Root, "inside", "real.yaml"));

        var snapshot = await Read();
        Assert.Equal(["alias.yaml", "inside/real.yaml"], snapshot.Documents.Select(d => d.Origin));
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal("link.yaml: The file links to a file outside the folder; it is not read.", error.Message);
    }

    [Fact]
    public async Task A_binary_or_oversize_file_is_an_error_naming_it_and_the_others_are_read()
    {
        Write("good.yaml", App("good"));
        WriteBytes("binary.yaml", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00]);
        WriteBytes("nul.json", [0x7B, 0x00, 0x7D]);
        Write("big.yaml", "# " + new string('x', 600) + "\n");
        var snapshot = await Read(maxTextLength: 500);
        Assert.Equal(["good.yaml"], snapshot.Documents.Select(d => d.Origin));
        Assert.Collection(
            snapshot.Errors.Select(e => e.Message).Order(StringComparer.Ordinal),
            m => Assert.Equal("big.yaml: The file is longer than the limit of 500 characters (ManifestReaderOptions.MaxTextLength); it is not read.", m),
            m => Assert.Equal("binary.yaml: The file is not UTF-8 text (invalid byte at offset 0); it is not read.", m),
            m => Assert.Equal("nul.json: The file holds a NUL character (at character 1), so it is not a text manifest; it is not read.", m));
    }

    [Fact]
    public async Task A_file_too_large_in_bytes_is_refused_before_it_is_read()
    {
        WriteBytes("huge.yaml", new byte[(3 * 100) + 4]);
        var error = Assert.Single((await Read(maxTextLength: 100)).Errors);
        Assert.StartsWith("huge.yaml: The file is longer than the limit of 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_order_mark_is_dropped()
    {
        WriteBytes("bom.yaml", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(App("bom"))]);
        Assert.Equal(App("bom"), Assert.Single((await Read()).Documents).Content);
    }

    [Fact]
    public async Task An_unreadable_file_is_an_error_naming_it()
    {
        // A dangling link cannot be read, even by root (CI runs as root, where file modes would not stop a read).
        File.CreateSymbolicLink(Path.Combine(Root, "dangling.yaml"), Path.Combine(Root, "gone.yaml"));
        Write("open.yaml", App("open"));
        var snapshot = await Read();
        Assert.Equal(["open.yaml"], snapshot.Documents.Select(d => d.Origin));
        Assert.StartsWith("dangling.yaml: Cannot read the file: ", Assert.Single(snapshot.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applications_keep_their_file_and_line_and_a_broken_file_among_good_ones_is_reported_with_line_and_column()
    {
        Write("apps/multi.yaml", App("first") + "---\n" + App("second"));
        Write("apps/list.yaml", "apiVersion: v1\nkind: List\nitems:\n" + string.Concat(new[] { "one", "two" }.Select(n => "  - " + App(n).Replace("\n", "\n    ", StringComparison.Ordinal).TrimEnd() + "\n")));
        Write("apps/broken.yaml", "kind: Application\nmetadata: {name: x\n");
        var provider = new UpdatePolicyProvider(new ManifestReader(), new AnnotationPolicyReader(), new ImageUpdaterPolicyResolver(new AnnotationPolicyReader()));
        var set = await provider.GetPoliciesAsync(await Read(), TestContext.Current.CancellationToken);

        Assert.Equal(["one", "two", "first", "second"], set.Applications.Select(r => r.Application.Name));
        Assert.All(set.Applications, r => Assert.Equal(PolicyOutcome.Ready, r.Outcome));
        var second = set.Applications[3].Application.Location;
        Assert.Equal("apps/multi.yaml", second.File);
        Assert.Equal(11, second.Line);
        Assert.StartsWith("document 2", second.Resource, StringComparison.Ordinal);
        Assert.Equal("apps/list.yaml", set.Applications[1].Application.Location.File);
        Assert.Matches(@"^apps/broken\.yaml:\d+:\d+: ", Assert.Single(set.Errors).Message);
    }

    [Fact]
    public void The_folder_is_checked_when_the_host_starts()
    {
        var file = Write("file.yaml", App("x"));
        foreach (var (directory, expected) in new[]
        {
            (Path.Combine(_work.FullName, "missing"), "does not exist"),
            (file, "is a file, not a folder"),
            (string.Empty, "must name the folder"),
        })
        {
            var services = new ServiceCollection();
            services.AddImageUpdater().AddFileApplications(directory);
            using var provider = services.BuildServiceProvider();
            var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FileApplicationSourceOptions>>().Value);
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Registers_the_source_and_the_policy_provider_once()
    {
        Write("web.yaml", App("web"));
        var services = new ServiceCollection();
        services.AddImageUpdater().AddFileApplications(Root).AddFileApplications(o => o.Directory = Root);
        Assert.Single(services, d => d.ServiceType == typeof(IApplicationSource));
        Assert.Single(services, d => d.ServiceType == typeof(IUpdatePolicyProvider));
        using var provider = services.BuildServiceProvider();
        var snapshot = await provider.GetRequiredService<IApplicationSource>().ReadAsync(TestContext.Current.CancellationToken);
        var set = await provider.GetRequiredService<IUpdatePolicyProvider>().GetPoliciesAsync(snapshot, TestContext.Current.CancellationToken);
        Assert.Equal("web", Assert.Single(set.Applications).Policy!.Application.Name);
    }
}
