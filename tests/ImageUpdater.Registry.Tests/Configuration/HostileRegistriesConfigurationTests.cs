using ImageUpdater.Testing;

namespace ImageUpdater.Registry.Tests.Configuration;

// A stack overflow cannot be caught: before the bounded reader, the deep inputs killed the test process itself.
public sealed class HostileRegistriesConfigurationTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public static TheoryData<string> Hostile => new(HostileYaml.Names);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_file_is_a_configuration_error_naming_the_file_and_position(string name)
    {
        var (text, expected) = HostileYaml.Document(name, "registries");
        var path = _folder.WriteFile("registries.conf", text);

        var error = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Load(path));

        Assert.Contains(expected, error.Reason, StringComparison.Ordinal);
        Assert.Equal(path, error.Location.File);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        if (name != "huge file")
        {
            Assert.NotNull(error.Location.Line);
        }
    }

    [Fact]
    public void Merge_keys_fill_in_an_entry_as_the_reference_reads_them()
    {
        var configuration = RegistriesConfiguration.Parse(
            "registries:\n- &base {name: r, api_url: https://r.io, prefix: r.io, ping: no}\n- <<: *base\n  name: s\n  prefix: s.io\n");

        Assert.Equal(["r", "s"], configuration.Registries.Select(r => r.Name));
        Assert.False(configuration.Registries[1].Ping);
    }
}
