using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ImageUpdater.Engine;

namespace ImageUpdater.Cli.Commands;

/// <summary>
/// What <c>image-updater run</c> prints: a line per application and image for people, or the cycle result as one JSON
/// object, a contract scripts rely on (fields may be added, none renamed or removed).
/// </summary>
internal static class CycleResultWriter
{
    public static string ToJson(CycleResult result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("dryRun", result.DryRun);
            json.WriteString("startedAt", result.StartedAt.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("durationSeconds", Math.Round(result.Duration.TotalSeconds, 3));
            json.WriteStartArray("applications");
            foreach (var application in result.Applications)
            {
                WriteApplication(json, application);
            }

            json.WriteEndArray();
            WriteErrors(json, "errors", result.Errors);
            json.WriteStartArray("warnings");
            foreach (var warning in result.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            WriteSummary(json, result.Summary);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string ToText(CycleResult result)
    {
        var text = new StringBuilder();
        foreach (var error in result.Errors)
        {
            text.Append("error: ").AppendLine(error.Message);
        }

        foreach (var application in result.Applications)
        {
            var name = application.Namespace.Length == 0 ? application.Name : application.Namespace + "/" + application.Name;
            text.Append(name).Append(": ").Append(OutcomeName(application.Outcome));
            if (application.Reason is not null)
            {
                text.Append(" (").Append(application.Reason).Append(')');
            }

            if (application.WriteBack is not null)
            {
                text.Append(" (").Append(application.WriteBack).Append(')');
            }

            text.AppendLine();
            foreach (var error in application.Errors)
            {
                text.Append("  error: ").AppendLine(error.Message);
            }

            foreach (var image in application.Images)
            {
                text.Append("  ").Append(image.Alias.Length == 0 ? image.Image : image.Alias + "=" + image.Image).Append(": ");
                if (image.Error is { } error)
                {
                    text.Append("error: ").AppendLine(error.Message);
                    continue;
                }

                if (image.Updated)
                {
                    text.Append(image.Current ?? "(not running)").Append(" -> ").Append(image.Selected);
                    text.Append(result.DryRun ? " (dry run)" : string.Empty).AppendLine();
                    continue;
                }

                text.AppendLine(image.Reason);
            }
        }

        var summary = result.Summary;
        text.Append(CultureInfo.InvariantCulture, $"{summary.Applications} application(s): {summary.Updated} updated, {summary.Unchanged} unchanged, ");
        text.Append(CultureInfo.InvariantCulture, $"{summary.Failed} failed, {summary.Rejected} rejected, {summary.Ignored} ignored; ");
        text.Append(CultureInfo.InvariantCulture, $"{summary.ImagesUpdated} of {summary.ImagesConsidered} image(s) {(result.DryRun ? "would be updated" : "updated")}, {summary.Errors} error(s)");
        return text.ToString();
    }

    private static void WriteApplication(Utf8JsonWriter json, ApplicationResult application)
    {
        json.WriteStartObject();
        json.WriteString("name", application.Name);
        json.WriteString("namespace", application.Namespace);
        json.WriteString("outcome", OutcomeName(application.Outcome));
        if (application.Reason is not null)
        {
            json.WriteString("reason", application.Reason);
        }

        if (application.WriteBack is not null)
        {
            json.WriteString("writeBack", application.WriteBack);
        }

        WriteErrors(json, "errors", application.Errors);
        json.WriteStartArray("images");
        foreach (var image in application.Images)
        {
            json.WriteStartObject();
            json.WriteString("alias", image.Alias);
            json.WriteString("image", image.Image);
            json.WriteString("current", image.Current);
            json.WriteString("selected", image.Selected);
            json.WriteBoolean("updated", image.Updated);
            json.WriteString("reason", image.Reason);
            if (image.Error is { } error)
            {
                json.WritePropertyName("error");
                WriteError(json, error);
            }

            json.WriteStartArray("warnings");
            foreach (var warning in image.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter json, string name, IReadOnlyList<UpdateError> errors)
    {
        json.WriteStartArray(name);
        foreach (var error in errors)
        {
            WriteError(json, error);
        }

        json.WriteEndArray();
    }

    private static void WriteError(Utf8JsonWriter json, UpdateError error)
    {
        json.WriteStartObject();
        json.WriteString("kind", KindName(error.Kind));
        json.WriteString("message", error.Message);
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, CycleSummary summary)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("applications", summary.Applications);
        json.WriteNumber("updated", summary.Updated);
        json.WriteNumber("unchanged", summary.Unchanged);
        json.WriteNumber("rejected", summary.Rejected);
        json.WriteNumber("failed", summary.Failed);
        json.WriteNumber("ignored", summary.Ignored);
        json.WriteNumber("imagesConsidered", summary.ImagesConsidered);
        json.WriteNumber("imagesSkipped", summary.ImagesSkipped);
        json.WriteNumber("imagesUpdated", summary.ImagesUpdated);
        json.WriteNumber("errors", summary.Errors);
        json.WriteEndObject();
    }

    private static string OutcomeName(ApplicationOutcome outcome) => outcome switch
    {
        ApplicationOutcome.Updated => "updated",
        ApplicationOutcome.Unchanged => "unchanged",
        ApplicationOutcome.Rejected => "rejected",
        ApplicationOutcome.Failed => "failed",
        _ => "ignored",
    };

    // kebab-case, as the rest of the JSON's enumerations: not-found, rate-limited, invalid-content, ...
    private static string KindName(UpdateErrorKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
