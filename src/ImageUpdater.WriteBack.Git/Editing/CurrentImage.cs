namespace ImageUpdater.WriteBack.Git.Editing;

/// <summary>What a target file holds now for one image: its reference (<c>name[:tag][@digest]</c>), or none found.</summary>
internal readonly record struct CurrentImage(ImageEdit Image, string? Reference);
