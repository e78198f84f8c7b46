using System.Collections.Concurrent;
using ImageUpdater.Credentials;

namespace ImageUpdater.Testing;

/// <summary>Answers credential requests from a function and records every request.</summary>
public sealed class FakeCredentialResolver(Func<RegistryCredentialRequest, int, RegistryCredential> answer) : IRegistryCredentialResolver
{
    private readonly ConcurrentQueue<RegistryCredentialRequest> _requests = new();

    public IReadOnlyList<RegistryCredentialRequest> Requests => [.. _requests];

    public static FakeCredentialResolver Fixed(string user, string password) => new((_, _) => new RegistryCredential(user, password));

    public ValueTask<RegistryCredential> ResolveAsync(RegistryCredentialRequest request, CancellationToken cancellationToken = default)
    {
        _requests.Enqueue(request);
        return ValueTask.FromResult(answer(request, _requests.Count));
    }
}
