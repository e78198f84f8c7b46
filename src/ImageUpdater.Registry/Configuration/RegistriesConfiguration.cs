using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImageUpdater.Yaml;

namespace ImageUpdater.Registry;

/// <summary>
/// The registries of a <c>registries.conf</c> file, in file order. Immutable; read it with <see cref="Parse"/> or
/// <see cref="Load"/>, and resolve images against it with <see cref="RegistryEndpointResolver"/>.
/// </summary>
public sealed class RegistriesConfiguration
{
    private RegistriesConfiguration(ImmutableArray<RegistryEndpoint> registries, string? sourcePath)
    {
        Registries = registries;
        SourcePath = sourcePath;
    }

    /// <summary>Gets a configuration with no registries (only the built-in Docker Hub entry applies).</summary>
    public static RegistriesConfiguration Empty { get; } = new([], null);

    /// <summary>Gets the configured registries, in file order.</summary>
    public ImmutableArray<RegistryEndpoint> Registries { get; }

    /// <summary>Gets the file the configuration was read from, when known.</summary>
    public string? SourcePath { get; }

    /// <summary>
    /// Reads a <c>registries.conf</c> document strictly, as the reference does: unknown keys, a missing <c>name</c> or
    /// <c>api_url</c>, two entries without <c>prefix</c>, two <c>default: true</c> entries, an unknown
    /// <c>tagsortmode</c>, a bad <c>credsexpire</c> or <c>limit</c> are errors.
    /// </summary>
    /// <param name="yaml">The YAML text.</param>
    /// <param name="sourcePath">The file name to show in errors, if any.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigurationException">The text is invalid; the message names the file, line, entry and key.</exception>
    public static RegistriesConfiguration Parse(string yaml, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return new RegistriesConfiguration(RegistriesConfigurationReader.Read(yaml, sourcePath), sourcePath);
    }

    /// <summary>
    /// Reads a <c>registries.conf</c> file as <see cref="Parse"/> does, then checks the CA certificates of every entry that
    /// is not <c>insecure</c>, as the reference does when it loads the file.
    /// </summary>
    /// <param name="path">The file path.</param>
    /// <returns>The configuration.</returns>
    /// <exception cref="ConfigurationException">The file cannot be read or is invalid.</exception>
    public static RegistriesConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = BoundedFile.ReadAllText(path, TreeReaderOptions.Default.MaxTextLength);
        }
        catch (TreeSyntaxException ex)
        {
            throw new ConfigurationException(ex.Message, new ConfigurationLocation(File: path), ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException("could not read the registries configuration: " + ex.Message, new ConfigurationLocation(File: path), ex);
        }

        var configuration = Parse(text, path);
        for (var index = 0; index < configuration.Registries.Length; index++)
        {
            CheckCertificates(configuration.Registries[index], index, path);
        }

        return configuration;
    }

    private static void CheckCertificates(RegistryEndpoint endpoint, int index, string path)
    {
        if (endpoint.Insecure)
        {
            return;
        }

        var where = new ConfigurationLocation(File: path, Resource: $"registries[{index}] (name: {endpoint.Name})");
        if (endpoint.CaData.Length > 0 && !ContainsCertificate(endpoint.CaData))
        {
            throw new ConfigurationException("ca_data does not contain a valid PEM certificate", where with { Key = "ca_data" });
        }

        if (endpoint.CaFile.Length > 0)
        {
            string pem;
            try
            {
                pem = File.ReadAllText(endpoint.CaFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"could not read CA file {endpoint.CaFile}: {ex.Message}", where with { Key = "ca_file" }, ex);
            }

            if (!ContainsCertificate(pem))
            {
                throw new ConfigurationException($"CA file {endpoint.CaFile} does not contain a valid PEM certificate", where with { Key = "ca_file" });
            }
        }
    }

    private static bool ContainsCertificate(string pem)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var found = certificates.Count > 0;
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }

        return found;
    }
}
