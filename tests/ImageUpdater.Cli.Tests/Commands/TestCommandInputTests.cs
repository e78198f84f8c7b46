using System.Text.Json;
using ImageUpdater.Cli.Commands;
using ImageUpdater.Testing;

namespace ImageUpdater.Cli.Tests.Commands;

/// <summary>Input <c>image-updater test</c> refuses with exit code 2 and one line naming it, or reads with bounds.</summary>
public sealed class TestCommandInputTests : IDisposable
{
    private const string Tags = "1.24.0\n1.25.0\n1.26.0-alpine\nv1.26.1\n1.26.2\n2.0.0\nlatest\n";
    private readonly TemporaryFolder _folder = new("cli-input-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("", "empty")]
    [InlineData("localhost:5055/acme/WEB", "lowercase")]
    [InlineData("acme/web@sha256:zz", "digest")]
    [InlineData("nginx:~1.2", "tag")]
    public async Task An_image_the_reference_grammar_rejects_exits_2_naming_it(string image, string reason)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync(Tags, "test", image, "--tags-from", "-");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(Lines(error));
        Assert.Contains($"IMAGE '{image}'", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("linux")]
    [InlineData("linux/amd64/v9/extra")]
    [InlineData("linux//v7")]
    public async Task A_platform_that_is_not_os_architecture_variant_exits_2_naming_the_entry(string platform)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync(Tags, "test", "nginx", "--tags-from", "-", "--platforms", "linux/amd64," + platform);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"--platforms entry '{platform}'", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ignore_tags_are_split_on_commas()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync(Tags, "test", "nginx", "--tags-from", "-", "--ignore-tags", "2.0.0, 1.26.2", "-o", "json");

        Assert.True(exitCode == 0, error);
        Assert.Equal("v1.26.1", JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task A_semver_constraint_with_the_alphabetical_strategy_is_warned_about()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync(
            Tags, "test", "nginx", "--tags-from", "-", "--update-strategy", "alphabetical", "--semver-constraint", "~1.25", "-o", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal("v1.26.1", JsonDocument.Parse(output).RootElement.GetProperty("tag").GetString());
        Assert.Contains("warning: --semver-constraint is ignored by the alphabetical strategy", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numerical_with_no_numeric_tag_reports_that_no_tag_qualifies()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync("latest\nmain\n", "test", "nginx", "--tags-from", "-", "--update-strategy", "numerical", "-o", "json");

        Assert.Equal(0, exitCode);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(output).RootElement.GetProperty("tag").ValueKind);
        Assert.Contains("warning:", error, StringComparison.Ordinal);
        Assert.Equal(
            "2 tags listed; image nginx: Tag 'latest' is not a number, as the numerical update strategy requires of every candidate.",
            JsonDocument.Parse(output).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_rate_limit_that_is_not_a_number_says_what_a_valid_one_looks_like()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", "nginx", "--rate-limit", "abc");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(Lines(error));
        Assert.Contains("--rate-limit 'abc'", line, StringComparison.Ordinal);
        Assert.Contains("such as 5 or 0.5", line, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tags-from")]
    [InlineData("--registries-conf")]
    public async Task A_directory_given_as_an_input_file_exits_2_saying_it_is_a_directory(string option)
    {
        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", "127.0.0.1:1/acme/web", option, _folder.Path);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"{option} '{_folder.Path}' is a directory", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tag_file_is_invalid_input_naming_it()
    {
        var missing = Path.Combine(_folder.Path, "missing.txt");

        var (exitCode, _, error) = await CommandLineRunner.RunAsync("test", "nginx", "--tags-from", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains($"--tags-from '{missing}' does not exist", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_tag_file_exits_2_with_the_line_number()
    {
        var file = Path.Combine(_folder.Path, "binary.txt");
        await File.WriteAllBytesAsync(file, [.. "1.0.0\n2.0.0\n"u8, 0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, (byte)'\n'], TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CommandLineRunner.RunAsync("test", "nginx", "--tags-from", file);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("line 3 has a NUL byte", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_that_are_not_UTF_8_exit_2_with_the_line_number()
    {
        var (exitCode, _, error) = await CommandLineRunner.RunWithInputAsync([.. "1.0.0\n"u8, 0xff, 0xfe, (byte)'\n'], "test", "nginx", "--tags-from", "-");

        Assert.Equal(2, exitCode);
        Assert.Contains("line 2 is not UTF-8 text", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_is_not_a_tag_name_exits_2_without_echoing_it()
    {
        var (exitCode, output, error) = await CommandLineRunner.RunWithInputAsync("1.0.0\nzz\u001b]0;pwned\u0007\u001b[2J\n", "test", "nginx", "--tags-from", "-", "--update-strategy", "alphabetical");

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("line 2 is not a tag name", Assert.Single(Lines(error)), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error);
    }

    [Fact]
    public async Task Endless_NUL_bytes_on_standard_input_stop_at_the_first_read()
    {
        var (exitCode, _, error) = await RunWithEndlessInputAsync([0], "test", "nginx", "--tags-from", "-");

        Assert.Equal(2, exitCode);
        Assert.Contains("line 1 has a NUL byte", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_over_the_limit_exits_2_naming_the_limit()
    {
        var (exitCode, _, error) = await RunWithEndlessInputAsync("1"u8.ToArray(), "test", "nginx", "--tags-from", "-");

        Assert.Equal(2, exitCode);
        Assert.Contains($"line 1 is longer than the limit of {TagListReader.MaxLineBytes} bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endless_tags_stop_at_the_size_limit()
    {
        var (exitCode, _, error) = await RunWithEndlessInputAsync("ignored\n"u8.ToArray(), "test", "nginx", "--tags-from", "-", "--ignore-tags", "ignored");

        Assert.Equal(2, exitCode);
        Assert.Contains($"is larger than the limit of {TagListReader.MaxBytes} bytes", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunWithEndlessInputAsync(byte[] pattern, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        await using var input = new RepeatingStream(pattern);
        var exitCode = await ImageUpdaterCommandLine.InvokeAsync(args, output, error, input, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An endless stream repeating a byte pattern, like <c>/dev/zero</c> or <c>yes</c>.</summary>
    private sealed class RepeatingStream(byte[] pattern) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = pattern[(_position + i) % pattern.Length];
            }

            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
