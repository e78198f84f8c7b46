using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ImageUpdater.Cli.Logging;

/// <summary>The logging of the tool: every event on standard error, as text lines or JSON lines.</summary>
internal static class CliLogging
{
    private const string HttpClientCategory = "System.Net.Http.HttpClient";

    /// <summary>
    /// Adds the tool's logger to <paramref name="logging"/> with the invocation's <c>--loglevel</c> and
    /// <c>--logformat</c>; text lines go to <paramref name="error"/>.
    /// </summary>
    public static ILoggingBuilder AddCliLogging(this ILoggingBuilder logging, TextWriter error)
    {
        var settings = CliLogSettings.Current;
        logging.SetMinimumLevel(settings.Level);

        // HttpClientFactory logs every request at Information ("Start processing HTTP request ..."): that is request
        // tracing, not news. Show it from --loglevel debug on, and never at Trace, where its events hold request headers
        // (the registry client caps those categories at Debug for the same reason). Rules for a provider win over the
        // general ones whatever their category length, so these override the registry client's.
        var httpLevel = settings.Level <= LogLevel.Debug ? LogLevel.Debug : LogLevel.Warning;
        logging.AddFilter<LineLoggerProvider>(HttpClientCategory, httpLevel);
        logging.AddFilter<ConsoleLoggerProvider>(HttpClientCategory, httpLevel);

        if (settings.Format == LogFormat.Json)
        {
            // The console logger writes on a background thread straight to the process's standard error; disposing the
            // service provider flushes it.
            logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = false;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                options.UseUtcTimestamp = true;
            });
            logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else if (settings.Interactive)
        {
            logging.AddProvider(new LineLoggerProvider(Display.LiveConsole.LogWriter));
        }
        else
        {
            logging.AddProvider(new LineLoggerProvider(error));
        }

        return logging;
    }
}
