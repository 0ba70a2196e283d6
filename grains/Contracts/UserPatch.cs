using System.Collections.Immutable;

namespace SessionService.Grains.Contracts;

/// <summary>
/// An edit of a user's profile and custom claims with JSON merge-patch meaning: a field left null is unchanged,
/// a <see cref="FieldChange{T}"/> holding null clears it. Claims are replaced as a whole: name → raw JSON value.
/// </summary>
[GenerateSerializer, Immutable, Alias("UserPatch")]
public sealed record UserPatch
{
    [Id(0)] public FieldChange<string>? Email { get; init; }
    [Id(1)] public FieldChange<string>? DisplayName { get; init; }
    [Id(2)] public FieldChange<string>? FirstName { get; init; }
    [Id(3)] public FieldChange<string>? LastName { get; init; }
    [Id(4)] public FieldChange<ImmutableSortedDictionary<string, string>>? Claims { get; init; }
}

/// <summary>A new value for a field; a null value clears it.</summary>
[GenerateSerializer, Immutable, Alias("FieldChange`1")]
public sealed record FieldChange<T>([property: Id(0)] T? Value) where T : class;
