namespace ImageUpdater.Registry.Http;

/// <summary>A named client made by the factory and the <see cref="Environment.TickCount64"/> at which to make it anew.</summary>
internal sealed record KeptClient(HttpClient Client, long RenewAt);
