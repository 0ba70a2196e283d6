using Microsoft.Extensions.Options;
using SessionService.Api.Apis;
using SessionService.Grains;

namespace SessionService.Api.Compat.WordPress;

/// <summary>The WordPress JWT Auth surface's registration: options always (so nonsense is refused), the rest only when enabled.</summary>
public static class WordPressSetup
{
    public static IServiceCollection AddWordPress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WordPressOptions, WordPressOptionsValidator>(configuration, WordPressOptions.Section);
        services.AddSingleton<WordPressTokenCheck>();
        return services;
    }

    /// <summary>
    /// WordPress's other address for its REST routes, <c>/?rest_route=/jwt-auth/v1/...</c> (also on
    /// <c>/index.php</c>), becomes the <c>/wp-json/...</c> path before routing; nothing when disabled.
    /// </summary>
    public static WebApplication UseWordPressRestRoute(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<WordPressOptions>>().Value.Enabled)
        {
            app.Use((http, next) =>
            {
                if (http.Request.Path.Value is "/" or "/index.php"
                    && http.Request.Query.TryGetValue("rest_route", out var route) && route.Count > 0 && route[^1] is { Length: > 0 } path)
                {
                    http.Request.Path = WordPressApi.RestRoot + (path.StartsWith('/') ? path : "/" + path);
                }

                return next(http);
            });
        }

        return app;
    }

    public static WebApplication MapWordPress(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<WordPressOptions>>().Value.Enabled)
        {
            app.MapWordPressApi();
        }

        return app;
    }
}
