namespace ImageUpdater.Applications;

/// <summary>The source an update applies to, and how it is rendered.</summary>
/// <param name="Source">The chosen source.</param>
/// <param name="Index">Its index in <see cref="ArgoApplication.Sources"/>; <c>-1</c> for <c>spec.source</c>.</param>
/// <param name="Type">The tool that renders it.</param>
public sealed record ApplicationSourceSelection(ApplicationSource Source, int Index, ApplicationSourceType Type);
