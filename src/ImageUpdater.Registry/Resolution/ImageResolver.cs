using ImageUpdater.Engine;
using Microsoft.Extensions.Options;

namespace ImageUpdater.Registry.Resolution;

/// <summary>
/// The registry package's <see cref="IImageResolver"/>: endpoints from <see cref="RegistriesOptions"/> (read once),
/// tag selection from the registered <see cref="ITagSelectionPlanner"/>, tags and metadata from a registry pass.
/// </summary>
internal sealed class ImageResolver : IImageResolver
{
    private readonly IRegistryPassFactory _passes;
    private readonly ITagSelectionPlanner _planner;
    private readonly RegistryEndpointResolver _endpoints;
    private readonly double? _requestsPerSecond;

    public ImageResolver(IRegistryPassFactory passes, ITagSelectionPlanner planner, IOptions<RegistriesOptions> options)
    {
        _passes = passes;
        _planner = planner;

        // The options validator has loaded the file once already; a file that broke since fails here, at start too.
        _endpoints = new RegistryEndpointResolver(options.Value.Load());
        _requestsPerSecond = options.Value.RequestsPerSecond;
    }

    public IImageResolutionPass BeginPass() => new ImageResolutionPass(_passes.BeginPass(), _planner, this);

    /// <summary>The endpoint serving an image, with the options' rate override applied.</summary>
    internal RegistryEndpoint EndpointFor(ImageReference image)
    {
        var endpoint = _endpoints.Resolve(image);
        return _requestsPerSecond is { } rate ? endpoint with { RequestsPerSecond = rate > 0 ? rate : null } : endpoint;
    }
}
