using System.Text.Json;

namespace Communaute.Dialogs.Engine;

/// <summary>Reads and writes dialog states; a state that cannot be read is reported as null, never thrown.</summary>
public static class DialogStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(DialogState state) => JsonSerializer.Serialize(state, Options);

    public static DialogState? TryRead(string json)
    {
        try
        {
            var state = JsonSerializer.Deserialize<DialogState>(json, Options);
            if (state is null || string.IsNullOrEmpty(state.DialogId) || string.IsNullOrEmpty(state.StepId)) return null;
            state.Answers ??= [];
            state.History ??= [];
            state.MessageIds ??= [];
            return state;
        }
        catch (JsonException) { return null; }
        catch (NotSupportedException) { return null; }
    }
}
