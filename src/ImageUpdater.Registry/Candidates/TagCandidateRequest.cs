namespace ImageUpdater.Registry;

/// <summary>What <see cref="ITagCandidateSource"/> needs to know about one image.</summary>
public sealed record TagCandidateRequest
{
    /// <summary>Gets the image; its <see cref="ImageReference.Name"/> is looked up in <see cref="Endpoint"/>.</summary>
    public required ImageReference Image { get; init; }

    /// <summary>Gets the registry the image resolves to (see <c>RegistryEndpointResolver</c>).</summary>
    public required RegistryEndpoint Endpoint { get; init; }

    /// <summary>Gets the image's settings: platforms, pull secret, and the constraint naming the digest strategy's tag.</summary>
    /// <value>The default value is <see cref="ImageUpdateSettings.Default"/>.</value>
    public ImageUpdateSettings Settings { get; init; } = ImageUpdateSettings.Default;

    /// <summary>
    /// Gets the namespace of the application the image belongs to; a pull secret in <see cref="Settings"/> may only
    /// name a secret there. Empty when unknown (no restriction).
    /// </summary>
    public string ApplicationNamespace { get; init; } = string.Empty;

    /// <summary>Gets what the strategy needs beyond tag names.</summary>
    /// <value>The default value is <see cref="TagMetadataNeeds.None"/>.</value>
    public TagMetadataNeeds MetadataNeeds { get; init; }

    /// <summary>
    /// Gets the classification of tag names (allow/ignore filters, extraction, the digest strategy's watched tag),
    /// applied once before any metadata is fetched and counted in <see cref="TagCandidates.Funnel"/>;
    /// <see langword="null"/> keeps every tag. Usually <see cref="ITagSelectionPlan.Classify"/>.
    /// </summary>
    public Func<string, TagClassification>? Classify { get; init; }
}
