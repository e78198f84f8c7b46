using ImageUpdater.Credentials;
using ImageUpdater.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace ImageUpdater.Registry.Tests.Fixtures;

/// <summary>Builds the registry client the way an application does, with tiny retry delays and a request log.</summary>
public static class TestServices
{
    public static ServiceProvider Create(
        RequestLog? log = null,
        IRegistryCredentialResolver? credentials = null,
        Action<RegistryClientOptions>? configure = null,
        TimeProvider? time = null,
        Func<DelegatingHandler>? extraHandler = null,
        ILoggerProvider? logging = null)
    {
        var services = new ServiceCollection();
        if (logging is not null)
        {
            services.AddLogging(b => b.AddProvider(logging).SetMinimumLevel(LogLevel.Trace));
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        if (credentials is not null)
        {
            services.AddSingleton(credentials);
        }

        services.AddImageUpdater().AddRegistryClient(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        if (log is not null)
        {
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(new CountingHandler(log))));
        }

        if (extraHandler is not null)
        {
            services.ConfigureAll<HttpClientFactoryOptions>(o => o.HttpMessageHandlerBuilderActions.Add(b => b.AdditionalHandlers.Add(extraHandler())));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static RegistryEndpoint Endpoint(Uri baseUri, string credentials = "", bool ping = true) => new()
    {
        Name = "test",
        ApiUrl = new Uri(baseUri.GetLeftPart(UriPartial.Authority)),
        Prefix = baseUri.Authority,
        Credentials = credentials,
        Ping = ping,
    };
}
