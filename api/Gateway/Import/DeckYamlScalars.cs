using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
// Scalar.AspNetCore (the /docs UI) brings a root namespace of the same name.
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace SessionService.Api.Gateway.Import;

/// <summary>
/// What a YAML scalar is under the YAML 1.2 core schema: quoted and block scalars are text, a plain
/// scalar may be null, a boolean or a number. So <c>custom_id: 42</c> is a number, as Kong reads it.
/// </summary>
internal static partial class DeckYamlScalars
{
    private const string StrTag = "tag:yaml.org,2002:str";
    private const string NullTag = "tag:yaml.org,2002:null";

    public static DeckScalar Resolve(YamlScalar scalar)
    {
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            return scalar.Tag.Value switch
            {
                StrTag => new DeckScalar(DeckScalarKind.String, scalar.Value),
                NullTag => DeckScalar.Null,
                _ => new DeckScalar(DeckScalarKind.Tagged, scalar.Value),
            };
        }

        if (scalar.Style != ScalarStyle.Plain || scalar.Tag.IsNonSpecific)
        {
            return new DeckScalar(DeckScalarKind.String, scalar.Value);
        }

        return scalar.Value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => DeckScalar.Null,
            "true" or "True" or "TRUE" or "false" or "False" or "FALSE" => new DeckScalar(DeckScalarKind.Boolean, scalar.Value),
            var text when Number().IsMatch(text) => new DeckScalar(DeckScalarKind.Number, text),
            var text => new DeckScalar(DeckScalarKind.String, text),
        };
    }

    [GeneratedRegex(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\z", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
