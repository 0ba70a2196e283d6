namespace SessionService.Grains;

/// <summary>
/// Grain references without Orleans' lookup per call: <c>IGrainFactory.GetGrain&lt;T&gt;(key)</c> works out the
/// interface's grain type from its attributes by reflection every time it is called, which perf showed as a
/// noticeable part of a refresh. The first reference made for an interface records its grain type and interface
/// type (they depend only on the interface); every later one is built from those.
/// </summary>
public static class GrainReferences
{
    public static T Grain<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        TypesOf<T>.Known is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface)
            : TypesOf<T>.Learn(grains.GetGrain<T>(key));

    public static T Grain<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey =>
        TypesOf<T>.Known is { } types
            ? (T)grains.GetGrain(GrainId.Create(types.Grain, GrainIdKeyExtensions.CreateIntegerKey(key)), types.Interface)
            : TypesOf<T>.Learn(grains.GetGrain<T>(key));

    private static class TypesOf<T>
    {
        // A reference, so a thread reading it while another records it sees either nothing or both types whole.
        private static volatile Types? _known;

        public static Types? Known => _known;

        public static T Learn(T reference)
        {
            var grainReference = (GrainReference)(object)reference!;
            _known = new Types(grainReference.GrainId.Type, grainReference.InterfaceType);
            return reference;
        }
    }

    private sealed record Types(GrainType Grain, GrainInterfaceType Interface);
}
