using System.Collections.Immutable;
using System.Net.Mail;
using System.Text.Json;
using SessionService.Api.Http;
using SessionService.Grains.Claims;
using SessionService.Grains.Contracts;

namespace SessionService.Api.Users;

/// <summary>
/// Reads a user's profile fields and custom claims from a request, with JSON merge-patch meaning: a field left out
/// is unchanged, <c>null</c> clears it. Bad values are a <see cref="BadInputException"/> naming the field.
/// </summary>
public static class UserProfileFields
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 128;

    public static readonly IReadOnlySet<string> PatchableFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "email", "display_name", "first_name", "last_name", "claims",
    };

    public static UserPatch ReadPatch(RequestFields fields, IReadOnlyDictionary<string, string> defaultClaims)
    {
        if (fields.Names.FirstOrDefault(n => !PatchableFields.Contains(n)) is { } unknown)
        {
            throw BadInputException.Invalid($"Field '{unknown}' cannot be changed here; send only {string.Join(", ", PatchableFields)}.");
        }

        return new UserPatch
        {
            Email = Text(fields, "email", MaxEmailLength),
            DisplayName = Text(fields, "display_name", MaxNameLength),
            FirstName = Text(fields, "first_name", MaxNameLength),
            LastName = Text(fields, "last_name", MaxNameLength),
            Claims = Claims(fields, defaultClaims),
        };
    }

    /// <summary>The profile a new user starts with (null values are simply unset).</summary>
    public static UserProfile ReadProfile(RequestFields fields) =>
        new(Text(fields, "email", MaxEmailLength)?.Value, Text(fields, "display_name", MaxNameLength)?.Value,
            Text(fields, "first_name", MaxNameLength)?.Value, Text(fields, "last_name", MaxNameLength)?.Value);

    /// <param name="defaultClaims"><c>Auth:DefaultClaims</c>: the user's claims must fit into access tokens beside them.</param>
    public static FieldChange<ImmutableSortedDictionary<string, string>>? Claims(RequestFields fields, IReadOnlyDictionary<string, string> defaultClaims)
    {
        if (fields.IsNull("claims"))
        {
            return new(null);
        }

        if (!fields.IsJson && fields.Names.Contains("claims"))
        {
            throw BadInputException.Invalid("Field 'claims' is a JSON object: send a JSON body.");
        }

        if (fields.OptionalObject("claims") is not { } given)
        {
            return null;
        }

        var named = given.EnumerateObject().Select(c => new KeyValuePair<string, JsonElement>(c.Name, c.Value)).ToList();
        if (CustomClaims.AccessTokenProblem(named, defaultClaims) is { } problem)
        {
            throw BadInputException.Invalid(problem);
        }

        return new(named.ToImmutableSortedDictionary(c => c.Key, c => JsonSerializer.Serialize(c.Value), StringComparer.Ordinal));
    }

    private static FieldChange<string>? Text(RequestFields fields, string name, int maxLength)
    {
        if (fields.IsNull(name))
        {
            return new(null);
        }

        if (fields.OptionalString(name, maxLength) is not { } value)
        {
            return null;
        }

        if (Problem(name, value) is { } problem)
        {
            throw BadInputException.Invalid(problem);
        }

        return new(value);
    }

    /// <summary>Why <paramref name="value"/> cannot be the profile field <paramref name="name"/> (email, display_name, first_name, last_name); null when it can.</summary>
    public static string? Problem(string name, string value)
    {
        var maxLength = name == "email" ? MaxEmailLength : MaxNameLength;
        if (value.Length > maxLength)
        {
            return $"Field '{name}' must have at most {maxLength} characters.";
        }

        if (value.Trim().Length == 0 || ClientText.HasHidden(value))
        {
            return $"Field '{name}' must be visible text (send null to clear it).";
        }

        return name == "email" && !IsEmail(value) ? "Field 'email' is not an e-mail address." : null;
    }

    /// <summary>Loose on purpose: one address, no display name, as MailAddress reads it.</summary>
    private static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.DisplayName.Length == 0;
}
