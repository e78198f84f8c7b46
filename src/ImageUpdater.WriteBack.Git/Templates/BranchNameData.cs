using System.Security.Cryptography;
using System.Text;

namespace ImageUpdater.WriteBack.Git.Templates;

/// <summary>What a branch-name template sees: <c>.Images</c>, <c>.SHA256</c>, <c>.AppName</c> and <c>.AppNamespace</c>.</summary>
internal sealed record BranchNameData(string AppName, string AppNamespace, IReadOnlyList<BranchImage> Images)
{
    /// <summary>Gets the hex SHA-256 of <c>name-old-new,</c> for every change in order, as the reference computes it.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Concat(Images.Select(image => $"{image.Name}-{image.OldTag}-{image.NewTag},")))));

    internal GoStruct ToGoValue() => new("argocd.branchNameTemplate",
    [
        new("Images", new GoSlice("[]argocd.branchNameImage", Images.Select(image => (object?)image.ToGoValue()).ToList())),
        new("SHA256", Sha256),
        new("AppName", AppName),
        new("AppNamespace", AppNamespace),
    ]);
}

/// <summary>One changed image: its name, its alias in the application, and the old and new tags.</summary>
internal sealed record BranchImage(string Name, string Alias, string OldTag, string NewTag)
{
    internal GoStruct ToGoValue() => new("argocd.branchNameImage",
    [
        new("Name", Name),
        new("Alias", Alias),
        new("OldTag", OldTag),
        new("NewTag", NewTag),
    ]);
}
