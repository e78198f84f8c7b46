using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImageUpdater.Registry.Http;

/// <summary>The TLS settings of one endpoint (<c>insecure</c>, <c>ca_file</c>, <c>ca_data</c>), loaded once.</summary>
internal sealed class EndpointTls
{
    private EndpointTls(bool insecure, X509Certificate2Collection? trustedRoots, string fingerprint)
    {
        Insecure = insecure;
        TrustedRoots = trustedRoots;
        Fingerprint = fingerprint;
    }

    public bool Insecure { get; }

    public X509Certificate2Collection? TrustedRoots { get; }

    /// <summary>Gets a short text that differs when the settings differ, so each gets its own primary handler.</summary>
    public string Fingerprint { get; }

    public static EndpointTls Load(RegistryEndpoint endpoint)
    {
        var pem = new StringBuilder();
        if (endpoint.CaFile.Length > 0)
        {
            try
            {
                pem.Append(File.ReadAllText(endpoint.CaFile)).Append('\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                throw new ConfigurationException(
                    $"Could not read the CA file '{endpoint.CaFile}': {ex.Message}",
                    new ConfigurationLocation(Resource: $"registry '{endpoint.Name}'", Key: "ca_file"),
                    ex);
            }
        }

        pem.Append(endpoint.CaData);
        X509Certificate2Collection? roots = null;
        if (pem.ToString().Trim().Length > 0)
        {
            roots = [];
            try
            {
                roots.ImportFromPem(pem.ToString());
            }
            catch (CryptographicException ex)
            {
                throw new ConfigurationException(
                    $"The CA certificates are not valid PEM: {ex.Message}",
                    new ConfigurationLocation(Resource: $"registry '{endpoint.Name}'", Key: endpoint.CaFile.Length > 0 ? "ca_file" : "ca_data"),
                    ex);
            }

            if (roots.Count == 0)
            {
                throw new ConfigurationException(
                    "No certificate was found in the CA PEM text.",
                    new ConfigurationLocation(Resource: $"registry '{endpoint.Name}'", Key: endpoint.CaFile.Length > 0 ? "ca_file" : "ca_data"));
            }
        }

        var fingerprint = endpoint.Insecure ? "insecure" : "verify";
        if (roots is not null)
        {
            fingerprint += "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pem.ToString())))[..16];
        }

        return new EndpointTls(endpoint.Insecure, roots, fingerprint);
    }

    public SocketsHttpHandler CreatePrimaryHandler()
    {
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so that credentials never reach another host (blob storage).
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseCookies = false,
        };

        if (Insecure)
        {
#pragma warning disable CA5359 // The user asked for it with 'insecure: yes' in registries.conf.
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (TrustedRoots is { } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, presented, errors) => Validate(roots, certificate, presented, errors);
        }

        return handler;
    }

    private static bool Validate(X509Certificate2Collection roots, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false; // a name mismatch is never forgiven by a custom CA
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            // Intermediates the server sent may link its certificate to the custom root, as Go's verifier allows.
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf) || errors == SslPolicyErrors.None;
    }
}
