namespace ImageUpdater.Cli.Logging;

/// <summary>How log events are written to standard error (<c>--logformat</c>).</summary>
internal enum LogFormat
{
    /// <summary>One line per event: <c>info: message</c>.</summary>
    Text,

    /// <summary>One JSON object per line, from the console logger's JSON formatter.</summary>
    Json,
}
