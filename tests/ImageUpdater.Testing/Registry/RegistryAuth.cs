namespace ImageUpdater.Testing;

/// <summary>How a <see cref="DistributionRegistry"/> asks its clients to authenticate.</summary>
public enum RegistryAuth
{
    /// <summary>No authentication: anyone may pull and push.</summary>
    Anonymous,

    /// <summary>htpasswd Basic auth for <see cref="DistributionRegistry.User"/> / <see cref="DistributionRegistry.Password"/>.</summary>
    Basic,

    /// <summary>Bearer tokens from a <see cref="TokenIssuer"/> started with the registry.</summary>
    Bearer,
}
