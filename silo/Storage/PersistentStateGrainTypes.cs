using System.Reflection;
using Orleans.Metadata;

namespace SessionService.Silo.Storage;

/// <summary>
/// Which grain type keeps each state name in a storage: read from the <see cref="PersistentStateAttribute"/>s
/// of the grain classes' constructors. Orleans' ADO.NET table kept only the state name, so a migration needs
/// this to name the grain again. A state name that two grain types share maps to neither.
/// </summary>
public static class PersistentStateGrainTypes
{
    public static IReadOnlyDictionary<string, GrainType> In(Assembly grains, string storageName, GrainTypeResolver resolver)
    {
        var byState = grains.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false } && typeof(IGrain).IsAssignableFrom(t))
            .SelectMany(t => t.GetConstructors()
                .SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>())
                .Where(a => a is not null && a.StorageName == storageName)
                .Select(a => (a!.StateName, GrainType: resolver.GetGrainType(t))))
            .Distinct()
            .GroupBy(s => s.StateName);
        return byState.Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().GrainType);
    }
}
