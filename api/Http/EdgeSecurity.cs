using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace SessionService.Api.Http;

/// <summary>What sits in front of the endpoints: forwarded headers, HTTPS, CORS and security headers.</summary>
public static class EdgeSecurity
{
    public const int MaxRequestHeaderBytes = 16 * 1024;

    /// <summary>CORS, forwarded headers and HSTS, from <see cref="CrossOriginOptions"/> and <see cref="TrustedProxyOptions"/>.</summary>
    public static IServiceCollection AddEdgeSecurity(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginOptions>>((cors, origins) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins.Value.AllowedOrigins)
            .AllowCredentials()
            .WithHeaders("Authorization", "Content-Type")
            .WithMethods("GET", "POST", "DELETE")
            .WithExposedHeaders("WWW-Authenticate", "Retry-After")));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            trusted.Value.Proxies.ToList().ForEach(forwarded.KnownProxies.Add);
            trusted.Value.Networks.ToList().ForEach(forwarded.KnownIPNetworks.Add);
        });
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseEdgeSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.TrustsAny)
        {
            app.UseForwardedHeaders();
        }

        if (app.Services.GetRequiredService<IOptions<HttpsOptions>>().Value.Enforce)
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
                await ErrorResponses.WriteAsync(http, new ApiError(StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge,
                    $"The request headers are larger than {MaxRequestHeaderBytes} bytes."));
                return;
            }

            await next(http);
        });
        if (app.Services.GetRequiredService<IOptions<CrossOriginOptions>>().Value.AllowedOrigins.Length > 0)
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
}
