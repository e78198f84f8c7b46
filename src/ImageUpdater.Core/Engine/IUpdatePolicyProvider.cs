using ImageUpdater.Policies;

namespace ImageUpdater.Engine;

/// <summary>
/// Turns the documents of a cycle into one policy result per application: ready with its images and write-back
/// settings, rejected with the errors that name what is wrong, or ignored with the reason.
/// </summary>
public interface IUpdatePolicyProvider
{
    /// <summary>Reads the policies of every application in <paramref name="snapshot"/>.</summary>
    /// <param name="snapshot">The documents a source read.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The result per application and the problems that belong to no application.</returns>
    ValueTask<UpdatePolicySet> GetPoliciesAsync(ApplicationSourceSnapshot snapshot, CancellationToken cancellationToken = default);
}
