namespace ImageUpdater.Credentials.Tests;

public sealed class ChainedCredentialSourceTests
{
    [Fact]
    public async Task Moves_on_from_unavailable_sources()
    {
        var present = TestSupport.UniqueVariable();
        Environment.SetEnvironmentVariable(present, "u:p");
        var chain = new ChainedCredentialSource(new EnvironmentCredentialSource(TestSupport.UniqueVariable()), new EnvironmentCredentialSource(present));

        var credential = await chain.GetCredentialAsync("https://ghcr.io");

        Assert.Equal("u", credential.Username);
    }

    [Fact]
    public async Task Lists_every_reason_when_no_source_has_credentials()
    {
        var first = TestSupport.UniqueVariable();
        var chain = new ChainedCredentialSource(new EnvironmentCredentialSource(first), new DockerConfigCredentialSource("/nonexistent/config.json"));

        var error = await Assert.ThrowsAsync<CredentialUnavailableException>(() => chain.GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal(
            "no credential source had credentials for registry https://ghcr.io:\n"
            + $"- env:{first}: could not fetch credentials: env '{first}' is not set\n"
            + "- dockerconfig:/nonexistent/config.json: could not read Docker config /nonexistent/config.json: file not found",
            error.Message);
        Assert.Equal(2, Assert.IsType<AggregateException>(error.InnerException).InnerExceptions.Count);
    }

    [Fact]
    public async Task Stops_at_the_first_failure()
    {
        var malformed = TestSupport.UniqueVariable();
        var never = TestSupport.UniqueVariable();
        Environment.SetEnvironmentVariable(malformed, "no-colon");
        Environment.SetEnvironmentVariable(never, "u:p");
        var missing = TestSupport.UniqueVariable();
        var chain = new ChainedCredentialSource(new EnvironmentCredentialSource(missing), new EnvironmentCredentialSource(malformed), new EnvironmentCredentialSource(never));

        var error = await Assert.ThrowsAsync<CredentialException>(() => chain.GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.IsNotType<CredentialUnavailableException>(error);
        Assert.StartsWith($"env:{malformed} failed: could not fetch credentials: value of {malformed} is malformed", error.Message, StringComparison.Ordinal);
        Assert.Contains($"- env:{missing}: could not fetch credentials: env '{missing}' is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_first_source_is_reported_as_is()
    {
        var malformed = TestSupport.UniqueVariable();
        Environment.SetEnvironmentVariable(malformed, "no-colon");
        var chain = new ChainedCredentialSource(new EnvironmentCredentialSource(malformed));

        var error = await Assert.ThrowsAsync<CredentialException>(() => chain.GetCredentialAsync("https://ghcr.io").AsTask());

        Assert.Equal($"could not fetch credentials: value of {malformed} is malformed", error.Message);
    }

    [Fact]
    public void Needs_at_least_one_source()
    {
        Assert.Throws<ArgumentException>(() => new ChainedCredentialSource());
    }
}
