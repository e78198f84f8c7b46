using System.Text.Json.Nodes;
using ImageUpdater.Applications;

namespace ImageUpdater.Kubernetes;

/// <summary>
/// Sets the image-bearing fields of one source in an Application's JSON as the API server sent it, leaving every other
/// field (known to us or not) as it was: Helm parameters, Kustomize images and plugin environment.
/// </summary>
internal static class ApplicationJson
{
    /// <summary>Applies <paramref name="updated"/> where it differs from <paramref name="current"/>; false when the source is missing.</summary>
    public static bool SetSource(JsonObject application, int index, ApplicationSource current, ApplicationSource updated)
    {
        if (application["spec"] is not JsonObject spec)
        {
            return false;
        }

        JsonObject? source = index < 0
            ? spec["source"] as JsonObject
            : spec["sources"] is JsonArray sources && index < sources.Count ? sources[index] as JsonObject : null;
        if (source is null)
        {
            return false;
        }

        var parameters = updated.Helm?.Parameters ?? [];
        if (!parameters.SequenceEqual(current.Helm?.Parameters ?? []))
        {
            var array = new JsonArray();
            foreach (var parameter in parameters)
            {
                var item = new JsonObject { ["name"] = parameter.Name, ["value"] = parameter.Value };
                if (parameter.ForceString)
                {
                    item["forceString"] = true;
                }

                array.Add(item);
            }

            Block(source, "helm")["parameters"] = array;
        }

        var images = updated.Kustomize?.Images ?? [];
        if (!images.SequenceEqual(current.Kustomize?.Images ?? [], StringComparer.Ordinal))
        {
            Block(source, "kustomize")["images"] = new JsonArray(images.Select(static i => (JsonNode?)JsonValue.Create(i)).ToArray());
        }

        var environment = updated.Plugin?.Environment ?? [];
        if (!environment.SequenceEqual(current.Plugin?.Environment ?? []))
        {
            Block(source, "plugin")["env"] = new JsonArray(environment.Select(static e => (JsonNode?)new JsonObject { ["name"] = e.Name, ["value"] = e.Value }).ToArray());
        }

        return true;
    }

    public static string? Text(JsonNode? node, params string[] path)
    {
        foreach (var part in path)
        {
            node = (node as JsonObject)?[part];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    private static JsonObject Block(JsonObject source, string name)
    {
        if (source[name] is JsonObject block)
        {
            return block;
        }

        block = new JsonObject();
        source[name] = block;
        return block;
    }
}
