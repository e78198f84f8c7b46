using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImageUpdater.Engine;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// What <c>image-updater test</c> prints: as text for people, as one JSON object for scripts. When no tag qualifies,
/// both say why: how many tags the registry listed and how many each step of the selection removed.
/// </summary>
internal sealed record TestResult(string Image, string? Tag, string? Digest, string Strategy, TagFunnel Funnel, IReadOnlyList<SkippedTag> Skipped)
{
    /// <summary>Gets why the strategy refused the candidates (numerical with a tag that is not a number), if it did.</summary>
    public string? Refusal { get; init; }

    /// <summary>The most skipped tags the text names; JSON lists them all.</summary>
    public const int MaxSkippedInText = 10;

    public static TestResult From(ImageResolution resolution)
    {
        var image = resolution.Image;
        if (resolution.Selected is not { } tag)
        {
            return new TestResult(image.FullName, null, null, resolution.Strategy, resolution.Funnel, resolution.Skipped) { Refusal = resolution.Error?.Message };
        }

        var digest = tag.Digest?.ToString();
        return new TestResult(image.WithTag(tag.Name, digest).FullNameWithTag, tag.Name, digest, resolution.Strategy, resolution.Funnel, resolution.Skipped);
    }

    /// <summary>Gets why no tag qualifies, or <see langword="null"/> when one does.</summary>
    public string? Reason => Tag is null ? Refusal is null ? Funnel.ToString() : $"{Funnel}; {Refusal}" : null;

    public string ToText()
    {
        if (Tag is not null)
        {
            return $"latest image according to constraint is {Image}";
        }

        var text = new StringBuilder($"no tag of {Image} qualifies under the {Strategy} strategy: {Reason}");
        foreach (var skipped in Skipped.Take(MaxSkippedInText))
        {
            text.Append('\n').Append("  skipped ").Append(skipped.Tag).Append(": ").Append(skipped.Reason);
        }

        if (Skipped.Count > MaxSkippedInText)
        {
            text.Append('\n').Append("  and ").Append(Skipped.Count - MaxSkippedInText).Append(" more skipped tag(s)");
        }

        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        // Tags such as 1.2.3+build stay readable: only what JSON itself requires is escaped.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("image", Image);
            json.WriteString("tag", Tag);
            json.WriteString("digest", Digest);
            json.WriteString("strategy", Strategy);
            json.WriteString("reason", Reason);
            json.WriteStartObject("funnel");
            json.WriteNumber("listed", Funnel.Listed);
            json.WriteNumber("removedByAllowTags", Funnel.RemovedByAllowTags);
            json.WriteNumber("removedByIgnoreTags", Funnel.RemovedByIgnoreTags);
            json.WriteNumber("removedByPlatform", Funnel.RemovedByPlatform);
            json.WriteNumber("unparseable", Funnel.Unparseable);
            json.WriteNumber("outsideConstraint", Funnel.OutsideConstraint);
            json.WriteNumber("candidates", Funnel.Candidates);
            json.WriteEndObject();
            json.WriteStartArray("skipped");
            foreach (var skipped in Skipped)
            {
                json.WriteStartObject();
                json.WriteString("tag", skipped.Tag);
                json.WriteString("reason", skipped.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
