namespace ImageUpdater.Packaging.Tests;

/// <summary>The test classes that read the packed packages share one pack.</summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesGroup : ICollectionFixture<PackedPackages>
{
    public const string Name = "packed packages";
}
