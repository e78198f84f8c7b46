namespace ImageUpdater.Engine;

/// <summary>The counts of a cycle, as the reference logs them after each run.</summary>
public sealed record CycleSummary
{
    /// <summary>Gets the number of applications seen.</summary>
    public int Applications { get; init; }

    /// <summary>Gets the number of applications whose images were written back.</summary>
    public int Updated { get; init; }

    /// <summary>Gets the number of applications that needed no change.</summary>
    public int Unchanged { get; init; }

    /// <summary>Gets the number of applications whose configuration was rejected.</summary>
    public int Rejected { get; init; }

    /// <summary>Gets the number of applications that failed (a registry or write-back error).</summary>
    public int Failed { get; init; }

    /// <summary>Gets the number of applications that are not managed (no image list).</summary>
    public int Ignored { get; init; }

    /// <summary>Gets the number of images looked at.</summary>
    public int ImagesConsidered { get; init; }

    /// <summary>Gets the number of images not updated because none was needed or possible without an error.</summary>
    public int ImagesSkipped { get; init; }

    /// <summary>Gets the number of images updated (or that would be, in a dry run).</summary>
    public int ImagesUpdated { get; init; }

    /// <summary>Gets the number of errors, per image, per application and outside applications.</summary>
    public int Errors { get; init; }

    internal static CycleSummary Of(CycleResult result)
    {
        int updated = 0, unchanged = 0, rejected = 0, failed = 0, ignored = 0, considered = 0, skipped = 0, imagesUpdated = 0;
        var errors = result.Errors.Count;
        foreach (var application in result.Applications)
        {
            switch (application.Outcome)
            {
                case ApplicationOutcome.Updated: updated++; break;
                case ApplicationOutcome.Unchanged: unchanged++; break;
                case ApplicationOutcome.Rejected: rejected++; break;
                case ApplicationOutcome.Failed: failed++; break;
                default: ignored++; break;
            }

            errors += application.Errors.Count;
            foreach (var image in application.Images)
            {
                considered++;
                if (image.Updated)
                {
                    imagesUpdated++;
                }
                else if (image.Error is null)
                {
                    skipped++;
                }
                else
                {
                    errors++;
                }
            }
        }

        return new CycleSummary
        {
            Applications = result.Applications.Count,
            Updated = updated,
            Unchanged = unchanged,
            Rejected = rejected,
            Failed = failed,
            Ignored = ignored,
            ImagesConsidered = considered,
            ImagesSkipped = skipped,
            ImagesUpdated = imagesUpdated,
            Errors = errors,
        };
    }
}
