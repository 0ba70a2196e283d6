using Microsoft.Extensions.Options;
using SessionService.Api.Apis;
using SessionService.Grains;

namespace SessionService.Api.Compat.FlaskJwt;

/// <summary>The Flask-JWT surface's registration: options always (so nonsense is refused), the rest only when enabled.</summary>
public static class FlaskJwtSetup
{
    public static IServiceCollection AddFlaskJwt(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<FlaskJwtOptions, FlaskJwtOptionsValidator>(configuration, FlaskJwtOptions.Section);
        return services;
    }

    /// <summary>The <c>JWT</c> prefix (before authentication reads the header) and <c>POST /auth</c>; nothing when disabled.</summary>
    public static WebApplication UseFlaskJwt(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<FlaskJwtOptions>>().Value.Enabled)
        {
            app.UseMiddleware<FlaskJwtHeader>();
            app.MapFlaskJwtApi();
        }

        return app;
    }
}
