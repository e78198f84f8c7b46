namespace ImageUpdater.Credentials.Tests;

public sealed class ExternalScriptCredentialSourceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reads_user_and_password_from_the_last_line()
    {
        var script = _folder.Script("valid.sh", "echo 'some progress text'\necho\necho 'username:password'\necho");

        var credential = await new ExternalScriptCredentialSource(script).GetCredentialAsync("https://ghcr.io");

        Assert.Equal("username", credential.Username);
        Assert.Equal("password", credential.Password);
    }

    [Fact]
    public async Task Rejects_output_without_colon()
    {
        var script = _folder.Script("invalid.sh", "echo 'not credentials'");

        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource(script).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal("invalid script output, must be single line with syntax <username>:<password>", error.Message);
    }

    [Fact]
    public async Task A_missing_script_is_unavailable()
    {
        var script = Path.Combine(_folder.Path, "get-credentials-notexist.sh");

        var error = await Assert.ThrowsAsync<CredentialUnavailableException>(() => new ExternalScriptCredentialSource(script).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal($"could not stat {script}: no such file or directory", error.Message);
    }

    [Fact]
    public async Task A_relative_path_is_rejected()
    {
        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource("get-credentials-notexist.sh").GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal("path to script must be absolute, but is 'get-credentials-notexist.sh'", error.Message);
    }

    [Fact]
    public async Task A_failing_script_reports_its_exit_status_only()
    {
        var script = _folder.Script("fail.sh", "echo 'u:p'\necho 'stderr text' >&2\nexit 3");

        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource(script).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal($"error executing {script}: exit status 3", error.Message);
    }

    [Fact]
    public async Task A_script_that_is_not_executable_cannot_run()
    {
        var script = _folder.Write("plain.sh", "echo u:p\n");

        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource(script).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.StartsWith($"error executing {script}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_script_is_stopped_at_the_timeout()
    {
        var marker = Path.Combine(_folder.Path, "still-running");
        var script = _folder.Script("slow.sh", $"sleep 30\ntouch '{marker}'");
        var options = new RegistryCredentialOptions { ExternalScriptTimeout = TimeSpan.FromMilliseconds(300) };
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource(script, options).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal($"error executing {script}: timed out after 0.3s", error.Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Output_beyond_the_cap_stops_the_script()
    {
        var script = _folder.Script("chatty.sh", "while true; do echo 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; done");
        var options = new RegistryCredentialOptions { ExternalScriptMaxOutputBytes = 1024 };

        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource(script, options).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal($"error executing {script}: output exceeds 1024 bytes", error.Message);
    }

    [Fact]
    public async Task The_script_gets_no_arguments_and_an_empty_input()
    {
        var report = Path.Combine(_folder.Path, "report");
        var script = _folder.Script("args.sh", $"echo \"$#\" > '{report}'\ncat >> '{report}'\necho u:p");

        await new ExternalScriptCredentialSource(script).GetCredentialAsync("https://ghcr.io");

        Assert.Equal("0\n", await File.ReadAllTextAsync(report));
    }

    [Fact]
    public async Task Scripts_outside_the_allowed_folders_are_refused()
    {
        var script = _folder.Script("ok.sh", "echo u:p");
        var elsewhere = new RegistryCredentialOptions { AllowedScriptDirectories = { "/opt/credential-scripts" } };
        var here = new RegistryCredentialOptions { AllowedScriptDirectories = { _folder.Path + "/" } };

        var error = await Assert.ThrowsAsync<CredentialException>(() => new ExternalScriptCredentialSource(script, elsewhere).GetCredentialAsync("https://ghcr.io").AsTask());
        var credential = await new ExternalScriptCredentialSource(script, here).GetCredentialAsync("https://ghcr.io");
        var escaping = await Assert.ThrowsAsync<CredentialException>(() =>
            new ExternalScriptCredentialSource(_folder.Path + "/../" + Path.GetFileName(_folder.Path) + "x/ok.sh", here).GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal($"script {script} is not in an allowed directory (/opt/credential-scripts)", error.Message);
        Assert.Equal("u", credential.Username);
        Assert.Contains("is not in an allowed directory", escaping.Message, StringComparison.Ordinal);
    }
}
