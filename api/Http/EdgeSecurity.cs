using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SessionService.Api.Http;

/// <summary>The "Cors", "ForwardedHeaders" and "Https" configuration sections.</summary>
public sealed class EdgeOptions
{
    /// <summary>Origins allowed to call with credentials; empty (the default) turns CORS off.</summary>
    public string[] CorsAllowedOrigins { get; set; } = [];

    /// <summary>Proxies whose X-Forwarded-For/Proto are believed; empty (the default) believes none.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR) of trusted proxies.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>Redirect HTTP to HTTPS and send HSTS.</summary>
    public bool EnforceHttps { get; set; }

    public static EdgeOptions From(IConfiguration configuration) => new()
    {
        CorsAllowedOrigins = configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [],
        KnownProxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [],
        KnownNetworks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [],
        EnforceHttps = configuration.GetValue<bool>("Https:Enforce"),
    };
}

/// <summary>What sits in front of the endpoints: forwarded headers, HTTPS, CORS and security headers.</summary>
public static class EdgeSecurity
{
    public const int MaxRequestHeaderBytes = 16 * 1024;

    /// <summary>Checks every value now, so bad configuration stops start-up with the key's name.</summary>
    public static IServiceCollection AddEdgeSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var edge = EdgeOptions.From(configuration);
        var origins = edge.CorsAllowedOrigins.Select(CheckOrigin).ToArray();
        var proxies = edge.KnownProxies.Select((proxy, i) => IPAddress.TryParse(proxy, out var address)
            ? address
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies:{i} ('{proxy}') is not an IP address.")).ToArray();
        var networks = edge.KnownNetworks.Select((network, i) => System.Net.IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks:{i} ('{network}') is not a CIDR network.")).ToArray();

        services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowCredentials()
            .WithHeaders("Authorization", "Content-Type")
            .WithMethods("GET", "POST", "DELETE")
            .WithExposedHeaders("WWW-Authenticate", "Retry-After")));
        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            proxies.ToList().ForEach(forwarded.KnownProxies.Add);
            networks.ToList().ForEach(forwarded.KnownIPNetworks.Add);
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseEdgeSecurity(this WebApplication app)
    {
        var edge = EdgeOptions.From(app.Configuration);
        if (edge.KnownProxies.Length > 0 || edge.KnownNetworks.Length > 0)
        {
            app.UseForwardedHeaders();
        }

        if (edge.EnforceHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.Use(async (http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (HeaderBytes(http.Request.Headers) > MaxRequestHeaderBytes)
            {
                // Kestrel refuses far larger headers on its own (431, no body); below its limit we answer with a code.
                http.Response.StatusCode = StatusCodes.Status431RequestHeaderFieldsTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = Problems.Details(StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge,
                        $"The request headers are larger than {MaxRequestHeaderBytes} bytes."),
                });
                return;
            }

            await next(http);
        });
        if (edge.CorsAllowedOrigins.Length > 0)
        {
            app.UseCors();
        }

        return app;
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values)
            {
                total += value?.Length ?? 0;
            }
        }

        return total;
    }

    /// <summary>Credentials are sent to listed origins only: no wildcards, no paths.</summary>
    private static string CheckOrigin(string origin, int index) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && uri.AbsolutePath == "/" && !origin.Contains('*') && !origin.EndsWith('/')
            ? origin
            : throw new InvalidOperationException($"Cors:AllowedOrigins:{index} ('{origin}') must be an origin such as https://app.example.com.");
}
