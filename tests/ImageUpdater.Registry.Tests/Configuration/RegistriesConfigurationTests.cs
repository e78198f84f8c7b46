namespace ImageUpdater.Registry.Tests.Configuration;

public sealed class RegistriesConfigurationTests
{
    [Fact]
    public void Reads_the_reference_example_configuration()
    {
        var configuration = RegistriesConfiguration.Load(Fixture.PathOf("example-config.yaml"));

        Assert.Equal(4, configuration.Registries.Length);
        var dockerHub = configuration.Registries[0];
        Assert.Equal("Docker Hub", dockerHub.Name);
        Assert.Equal(string.Empty, dockerHub.Prefix);
        Assert.True(dockerHub.Ping);
        Assert.Equal("env:SOME_ENV_VAR", dockerHub.Credentials);
        var gcr = configuration.Registries[1];
        Assert.Equal("gcr.io", gcr.Prefix);
        Assert.False(gcr.Ping);
        Assert.Equal("pullsecret:foo/bar", gcr.Credentials);
        Assert.Equal("secret:foo/bar#creds", configuration.Registries[2].Credentials);
        var ghcr = configuration.Registries[3];
        Assert.Equal("ext:/some/script", ghcr.Credentials);
        Assert.Equal(TimeSpan.FromHours(5), ghcr.CredentialsExpiry);
        Assert.Equal(Fixture.PathOf("example-config.yaml"), configuration.SourcePath);
    }

    [Fact]
    public void Reads_every_field()
    {
        var configuration = RegistriesConfiguration.Parse(File.ReadAllText(Fixture.PathOf("all-fields.yaml")), "all-fields.yaml");

        var first = configuration.Registries[0];
        Assert.Equal("Private", first.Name);
        Assert.Equal("https://registry.example.com:5000", first.ApiUrl.OriginalString);
        Assert.Equal("registry.example.com:5000", first.Prefix);
        Assert.False(first.Ping);
        Assert.Equal("env:PRIVATE_CREDS", first.Credentials);
        Assert.Equal(TimeSpan.FromMinutes(90), first.CredentialsExpiry);
        Assert.Equal(TagSortMode.LatestFirst, first.TagSortMode);
        Assert.True(first.Insecure);
        Assert.Equal("/etc/ssl/private-ca.pem", first.CaFile);
        Assert.Contains("BEGIN CERTIFICATE", first.CaData, StringComparison.Ordinal);
        Assert.Equal("team", first.DefaultNamespace);
        Assert.Equal(5, first.RequestsPerSecond);
        Assert.True(first.IsDefault);

        var second = configuration.Registries[1];
        Assert.Equal(TagSortMode.LatestLast, second.TagSortMode);
        Assert.Null(second.RequestsPerSecond);
        Assert.Null(second.CredentialsExpiry);
        Assert.True(second.Ping);
        Assert.False(second.IsDefault);

        var third = configuration.Registries[2];
        Assert.Equal(TagSortMode.None, third.TagSortMode);
        Assert.Equal(TimeSpan.FromMilliseconds(500), third.CredentialsExpiry);
        Assert.Null(third.RequestsPerSecond);
    }

    [Theory]
    [InlineData("https://ghcr.io/", "https://ghcr.io")]
    [InlineData("https://ghcr.io", "https://ghcr.io")]
    [InlineData("http://localhost:5000/", "http://localhost:5000")]
    [InlineData("https://example.com/v2/", "https://example.com/v2")]
    public void Trims_the_trailing_slash_of_the_api_url(string written, string expected)
    {
        var configuration = RegistriesConfiguration.Parse($"registries:\n- name: r\n  api_url: {written}\n  prefix: r.io\n");

        // Uri keeps the text it was built from, so this shows the slash was trimmed before parsing.
        Assert.Equal(expected, configuration.Registries[0].ApiUrl.OriginalString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("registries:\n")]
    [InlineData("registries: []\n")]
    public void Empty_documents_have_no_registries(string yaml)
    {
        Assert.Empty(RegistriesConfiguration.Parse(yaml).Registries);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("True", true)]
    [InlineData("y", true)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    [InlineData("false", false)]
    [InlineData("N", false)]
    public void Reads_yaml_1_1_booleans_as_the_reference_does(string written, bool expected)
    {
        var configuration = RegistriesConfiguration.Parse($"registries:\n- name: r\n  api_url: https://r.io\n  insecure: {written}\n");

        Assert.Equal(expected, configuration.Registries[0].Insecure);
    }

    [Fact]
    public void A_quoted_boolean_is_text_and_rejected()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            RegistriesConfiguration.Parse("registries:\n- name: r\n  api_url: https://r.io\n  ping: \"true\"\n", "q.yaml"));

        Assert.Equal("ping", error.Location.Key);
        Assert.Equal(4, error.Location.Line);
    }

    public static TheoryData<string, string, int, string?, string?> Errors => new()
    {
        // fixture, reason fragment, line, resource, key
        { "missing-name.yaml", "registry name is missing for entry registries[0]", 2, "registries[0]", "name" },
        { "missing-api-url.yaml", "API URL must be specified for registry Foobar Registry", 2, "registries[0] (name: Foobar Registry)", "api_url" },
        { "two-without-prefix.yaml", "there must be only one default registry (already is Foobar Registry), Barbar Registry needs a prefix", 5, "registries[1] (name: Barbar Registry)", "prefix" },
        { "unknown-tagsortmode.yaml", "unknown tag sort mode for registry Foobar Registry: invalid", 5, "registries[0] (name: Foobar Registry)", "tagsortmode" },
        { "two-defaults.yaml", "cannot set registry two.example.com as default - only one default registry allowed, currently set to one.example.com", 9, "registries[1] (name: Two)", "default" },
        { "unknown-key.yaml", "unknown key 'credentails'", 5, "registries[0] (name: Foobar Registry)", "credentails" },
        { "unknown-top-key.yaml", "unknown key 'registry'", 2, null, "registry" },
        { "bad-credsexpire.yaml", "invalid duration '5 hours'", 5, "registries[0] (name: Foobar Registry)", "credsexpire" },
        { "credsexpire-without-unit.yaml", "missing unit in duration", 5, "registries[0] (name: Foobar Registry)", "credsexpire" },
        { "bad-limit.yaml", "'1.5' is not a whole number of requests per second", 5, "registries[0] (name: Foobar Registry)", "limit" },
        { "bad-bool.yaml", "'maybe' is not a boolean", 5, "registries[0] (name: Foobar Registry)", "insecure" },
        { "bad-api-url.yaml", "API URL 'foobar.io' of registry Foobar Registry is not an absolute http or https URL", 3, "registries[0] (name: Foobar Registry)", "api_url" },
        { "duplicate-key.yaml", "Duplicate key 'prefix'", 5, null, null },
        { "not-a-list.yaml", "expected a list of registries", 2, null, "registries" },
        { "name-is-a-list.yaml", "expected a text value, found a list", 2, "registries[0]", "name" },
        { "broken-yaml.yaml", "invalid YAML", 4, null, null },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Errors_name_the_file_line_entry_and_key(string fixture, string reason, int line, string? resource, string? key)
    {
        var path = Fixture.PathOf(fixture);

        var error = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Load(path));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(path, error.Location.File);
        Assert.Equal(line, error.Location.Line);
        Assert.Equal(resource, error.Location.Resource);
        Assert.Equal(key, error.Location.Key);
        Assert.StartsWith(path + ":" + line + ":", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://robot:hunter2-pw@registry.example.com")]
    [InlineData("https://robot:hunter2-pw@registry example.com")]
    public void User_info_in_the_api_url_is_refused_without_showing_it(string apiUrl)
    {
        var yaml = $"registries:\n- name: Private\n  api_url: {apiUrl}\n  prefix: registry.example.com\n";

        var error = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Parse(yaml, "conf.yaml"));

        Assert.Equal("api_url", error.Location.Key);
        Assert.Equal(3, error.Location.Line);
        Assert.DoesNotContain("hunter2-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_configuration_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid().ToString("N") + ".yaml");

        var error = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Load(path));

        Assert.Equal(path, error.Location.File);
        Assert.Contains("could not read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_does_not_check_certificates_but_load_does()
    {
        const string Yaml = "registries:\n- name: Private\n  api_url: https://p.io\n  prefix: p.io\n  ca_data: not a certificate\n";
        Assert.Equal("not a certificate", RegistriesConfiguration.Parse(Yaml).Registries[0].CaData);

        using var file = new TempFile(Yaml);
        var error = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Load(file.Path));

        Assert.Equal("ca_data does not contain a valid PEM certificate", error.Reason);
        Assert.Equal("ca_data", error.Location.Key);
        Assert.Equal("registries[0] (name: Private)", error.Location.Resource);
    }

    [Fact]
    public void Load_accepts_a_real_certificate_and_rejects_an_unreadable_or_invalid_ca_file()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem();
        using var caFile = new TempFile(pem);
        using var badCaFile = new TempFile("not a certificate");
        var indentedPem = string.Join("\n", pem.Split('\n').Select(l => "    " + l));

        using var good = new TempFile($"registries:\n- name: Private\n  api_url: https://p.io\n  prefix: p.io\n  ca_file: {caFile.Path}\n  ca_data: |\n{indentedPem}\n");
        Assert.Equal(caFile.Path, RegistriesConfiguration.Load(good.Path).Registries[0].CaFile);

        using var bad = new TempFile($"registries:\n- name: Private\n  api_url: https://p.io\n  prefix: p.io\n  ca_file: {badCaFile.Path}\n");
        var invalid = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Load(bad.Path));
        Assert.Equal($"CA file {badCaFile.Path} does not contain a valid PEM certificate", invalid.Reason);
        Assert.Equal("ca_file", invalid.Location.Key);

        using var missing = new TempFile("registries:\n- name: Private\n  api_url: https://p.io\n  prefix: p.io\n  ca_file: /nonexistent/ca.pem\n");
        var unreadable = Assert.Throws<ConfigurationException>(() => RegistriesConfiguration.Load(missing.Path));
        Assert.StartsWith("could not read CA file /nonexistent/ca.pem", unreadable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_skips_certificate_checks_for_insecure_registries()
    {
        using var file = new TempFile("registries:\n- name: Insecure\n  api_url: https://i.io\n  prefix: i.io\n  insecure: true\n  ca_file: /nonexistent/ca.pem\n  ca_data: not a certificate\n");

        Assert.True(RegistriesConfiguration.Load(file.Path).Registries[0].Insecure);
    }

    private sealed class TempFile : IDisposable
    {
        public TempFile(string content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "regconf-" + Guid.NewGuid().ToString("N") + ".yaml");
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
