using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using SessionService.Api.Http;
using SessionService.Api.Users.Import;

namespace SessionService.Api.Apis;

/// <summary>
/// <c>POST /admin/import/wordpress</c>: a JSON export of WordPress's <c>wp_users</c>, admin only. Answers each
/// row's user; a refused file names the row (<c>index</c>) and creates nothing.
/// </summary>
public static class UserImportApi
{
    /// <summary>Above the node's 1 MiB default: 10,000 rows with long bcrypt hashes and names fit.</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapUserImportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/import").WithTags("Import").RequireAuthorization(AccessTokenPolicies.Admin);
        group.MapPost("/wordpress", WordPressAsync).Accepts<object>("application/json");
        return group;
    }

    public static async Task<Results<Ok<UserImportResponse>, ProblemHttpResult>> WordPressAsync(
        HttpContext http, WordPressUserImport import, ILogger<WordPressUserImport> logger, CancellationToken cancellationToken)
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new BadInputException(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Send the export as application/json.");
        }

        var body = await ReadBodyAsync(http, cancellationToken);
        var (rows, problem, index) = WordPressUserFile.Read(body);
        if (rows is null)
        {
            return Problems.AtIndex(StatusCodes.Status400BadRequest, ErrorCodes.InvalidRequest, problem!, index);
        }

        var (users, refusal) = await import.RunAsync(rows, cancellationToken);
        if (refusal is not null)
        {
            return Problems.AtIndex(refusal.Status, refusal.Code, refusal.Detail, refusal.Index);
        }

        var response = new UserImportResponse(users!.Count(u => u.Status == "created"), users!.Count(u => u.Status == "skipped"), users!);
        Log.WordPressUsersImported(logger, response.Created, response.Skipped);
        return TypedResults.Ok(response);
    }

    /// <summary>The whole body, at most <see cref="MaxBodyBytes"/> (counted here too, as not every server enforces the feature).</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            body.Write(buffer, 0, read);
        }

        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    private static BadInputException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The export is larger than {MaxBodyBytes / 1024 / 1024} MiB; split it (a repeated import skips users already moved).");
}

public sealed record UserImportResponse(int Created, int Skipped, IReadOnlyList<ImportedUser> Users);
