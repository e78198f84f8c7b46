using System.Xml.Linq;

namespace ImageUpdater.Packaging.Tests;

/// <summary>The fields of a package manifest that the tests check.</summary>
public sealed class Nuspec(XDocument document)
{
    private readonly XElement _metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    public string Id => Value("id") ?? string.Empty;

    public string Version => Value("version") ?? string.Empty;

    public string? Description => Value("description");

    public string? Tags => Value("tags");

    public string? ProjectUrl => Value("projectUrl");

    public string? Readme => Value("readme");

    public XElement? License => Element("license");

    public XElement? Repository => Element("repository");

    public IReadOnlyList<string> PackageTypes =>
        [.. Element("packageTypes")?.Elements().Select(e => (string?)e.Attribute("name") ?? string.Empty) ?? []];

    private XElement? Element(string name) => _metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    private string? Value(string name) => Element(name)?.Value;
}
