using System.Reflection;
using SessionService.Grains.Contracts;

namespace SessionService.Tests.Unit;

/// <summary>
/// Whoever can call a grain learns only what its answers carry: no answer of any grain interface carries a
/// password hash, a refresh token's lineage key or hash, and no method takes a caller's word that a
/// password is right. Signing keys leave the key ring only encrypted under the key-encryption key, which
/// the cluster never holds.
/// </summary>
public sealed class GrainSecretsTests
{
    private static readonly string[] SecretNames = ["PasswordHash", "LineageKey", "TokenHash", "SecurityStamp", "PrivateKey"];

    private static IEnumerable<MethodInfo> GrainMethods() =>
        typeof(IUserGrain).Assembly.GetTypes()
            .Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t) && t.Namespace == typeof(IUserGrain).Namespace)
            .SelectMany(t => t.GetMethods());

    [Fact]
    public void NoGrainAnswer_CarriesASecret_ExceptTheEncryptedSigningKey()
    {
        var exposed = GrainMethods()
            .SelectMany(m => PropertiesReachableFrom(m.ReturnType, []).Select(p => $"{m.DeclaringType!.Name}.{m.Name} -> {p.DeclaringType!.Name}.{p.Name}"))
            .Where(path => SecretNames.Any(secret => path.EndsWith(secret, StringComparison.OrdinalIgnoreCase) || path.Contains("." + secret, StringComparison.OrdinalIgnoreCase)))
            .Distinct()
            .ToList();

        Assert.Equal(["IKeyRingGrain.GetOrRotateKeysAsync -> SigningKey.ProtectedPrivateKey", "IKeyRingGrain.RotateAsync -> SigningKey.ProtectedPrivateKey"], exposed.Order());
    }

    [Fact]
    public void NoGrainMethod_TakesAVerdictOnAPassword()
    {
        var verdicts = GrainMethods()
            .SelectMany(m => m.GetParameters().SelectMany(p => PropertiesReachableFrom(p.ParameterType, []).Where(q => q.PropertyType == typeof(bool)).Select(q => $"{m.Name}({q.Name})")))
            .Where(name => name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Valid", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(verdicts);
    }

    private static IEnumerable<PropertyInfo> PropertiesReachableFrom(Type type, HashSet<Type> seen)
    {
        foreach (var inner in Unwrap(type))
        {
            if (inner.Assembly != typeof(IUserGrain).Assembly || !seen.Add(inner))
            {
                continue;
            }

            foreach (var property in inner.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                yield return property;
                foreach (var nested in PropertiesReachableFrom(property.PropertyType, seen))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The types a value of <paramref name="type"/> carries: Task, Nullable and collections opened up.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.IsGenericType)
        {
            return type.GetGenericArguments().SelectMany(Unwrap);
        }

        return type.IsArray ? Unwrap(type.GetElementType()!) : [type];
    }
}
