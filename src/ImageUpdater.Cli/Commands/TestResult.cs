using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImageUpdater.Strategies;

namespace ImageUpdater.Cli.Commands;

/// <summary>What <c>image-updater test</c> prints: as text for people, as one JSON object for scripts.</summary>
internal sealed record TestResult(string Image, string? Tag, string? Digest, string Strategy)
{
    public static TestResult From(ImageReference image, TagSelectionOutcome outcome)
    {
        if (outcome.Tag is not { } tag)
        {
            return new TestResult(image.FullName, null, null, outcome.Strategy);
        }

        var digest = tag.Digest?.ToString();
        return new TestResult(image.WithTag(tag.Name, digest).FullNameWithTag, tag.Name, digest, outcome.Strategy);
    }

    public string ToText() =>
        Tag is null
            ? $"no tag of {Image} qualifies under the {Strategy} strategy"
            : $"latest image according to constraint is {Image}";

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
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
