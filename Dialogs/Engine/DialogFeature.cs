using System.Security.Cryptography;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

/// <summary>
/// Routes turns to the member's running dialog in this conversation, and start commands to dialogs.
/// The state is loaded and saved on every turn (nothing lives in memory), with a revision check so that
/// two servers handling the same member cannot both move the dialog on.
/// </summary>
public sealed class DialogFeature(IEnumerable<IDialog> dialogs, IDialogStateStore store, ICommandCatalog? commands = null) : ITurnFeature, IIntentHandler
{
    private readonly IReadOnlyList<IDialog> _dialogs = dialogs.ToList();

    public int Order => TurnOrder.Dialog;

    public IReadOnlyCollection<Type> Intents => DialogIntents.All;

    /// <summary>
    /// A click's intent is read as the word it stands for (a dialog's start command, an option's value, « pause »…).
    /// An answer to a step that is no longer the current one (a click from an old card, without its prompt id) is not counted.
    /// </summary>
    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        var word = ((IDialogIntent)intent).Word;
        if (intent is StartDialog start)
        {
            if (_dialogs.FirstOrDefault(d => d.Id == start.Dialog) is not { } dialog)
            {
                context.Say("Ce questionnaire n'existe plus. Tapez « aide » pour voir ce que je sais faire.");
                return true;
            }
            word = dialog.StartCommands[0];
        }
        if (intent is AnswerStep answer && context.Turn.PromptId is null
            && await store.LoadAsync(context.Member.Id, context.ConversationId, cancellationToken) is var stored
            && (stored is null ? null : DialogStateJson.TryRead(stored.StateJson)) is var state
            && (state is null || state.DialogId != answer.Dialog || state.StepId != answer.Step || state.Paused))
        {
            context.Say("Ce bouton appartient à une question à laquelle vous avez déjà répondu, ou à un questionnaire qui n'est plus en cours : je ne l'ai pas pris en compte.");
            return true;
        }
        context.Reinterpret(word);
        if (await TryHandleAsync(context, cancellationToken)) return true;
        // No dialog for this word (« pause » with none running): the answer outside any dialog, unless it is a command to run.
        if (intent is RunTypedCommand) return false;
        context.Send(OutOfDialog.NoneRunning(_dialogs));
        return true;
    }

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var memberId = context.Member.Id;
        var conversationId = context.ConversationId;
        var text = context.Text;
        var promptId = context.Turn.PromptId;
        var stored = await store.LoadAsync(memberId, conversationId, cancellationToken);

        if (stored is null)
        {
            if (FindStart(text) is { } toStart)
            {
                await StartAsync(toStart, context, null, null, cancellationToken);
                return true;
            }
            if (DialogPromptIds.IsDialogPrompt(promptId))
            {
                context.Say("Ce bouton appartient à un questionnaire déjà terminé ou annulé : je ne l'ai pas pris en compte.");
                return true;
            }
            // « pause », « passer »… mean nothing outside a dialog: a short answer, not a question for the knowledge base.
            if (promptId is null && DialogWords.Is(text, DialogWords.InDialogOnly))
            {
                context.Send(OutOfDialog.NoneRunning(_dialogs));
                return true;
            }
            return false;
        }

        var state = DialogStateJson.TryRead(stored.StateJson);
        var dialog = state is null ? _dialogs.FirstOrDefault(d => d.Id == stored.DialogId) : _dialogs.FirstOrDefault(d => d.Id == state.DialogId);
        if (state is null || dialog is null || state.Version != dialog.Version || StepOf(dialog, state.StepId) is null)
        {
            await store.DeleteAsync(memberId, conversationId, stored.Revision, cancellationToken);
            var what = dialog is null ? "Votre questionnaire en cours" : $"Votre questionnaire « {dialog.Title} » en cours";
            var why = state is null ? "ses données enregistrées sont illisibles" : "il a changé depuis que vous l'avez commencé";
            var restart = dialog ?? FindStart(text);
            context.Send(new Reply
            {
                Text = $"{what} n'a pas pu être repris : {why}. Je l'ai mis de côté ; rien d'autre n'est touché."
                       + (restart is null ? "" : " Vous pouvez le recommencer quand vous voulez."),
                SuggestedActions = restart is null ? [] : [DialogIntents.StartButton(restart, "Recommencer")],
            });
            return true;
        }

        // The channel delivered the same message twice (a retry, a double send): it moved the dialog once, and only once.
        if (context.Turn.MessageId is { Length: > 0 } messageId && state.MessageIds.Contains(messageId))
            return true;

        if (state.Paused)
            return await HandlePausedAsync(dialog, state, stored, context, promptId, cancellationToken);
        return await HandleActiveAsync(dialog, state, stored, context, cancellationToken);
    }

    private async Task<bool> HandlePausedAsync(IDialog dialog, DialogState state, StoredDialog stored, TurnContext context, string? promptId, CancellationToken ct)
    {
        var text = context.Text;
        var start = FindStart(text);
        if (DialogWords.Is(text, DialogWords.Resume) || start?.Id == dialog.Id || (promptId is not null && promptId == state.PromptId))
        {
            state.Paused = false;
            if (promptId is not null && promptId == state.PromptId)
                return await HandleActiveAsync(dialog, state, stored, context, ct);
            await SaveAndShowAsync(dialog, state, stored, context, "Reprenons là où vous vous étiez arrêté.", ct);
            return true;
        }
        if (start is not null)
        {
            context.Say($"Votre questionnaire « {dialog.Title} » en pause est abandonné pour commencer « {start.Title} ».");
            await StartAsync(start, context, stored.Revision, null, ct);
            return true;
        }
        if (DialogPromptIds.IsDialogPrompt(promptId))
        {
            context.Send(OutOfDialog.Paused(dialog, $"Ce bouton vient d'une question précédente. Votre questionnaire « {dialog.Title} » est en pause : tapez « reprendre » pour le continuer."));
            return true;
        }
        if (promptId is null && DialogWords.Is(text, DialogWords.InDialogOnly))
        {
            context.Send(OutOfDialog.Paused(dialog, $"« {dialog.Title} » est en pause : tapez « reprendre » pour le continuer."));
            return true;
        }
        return false;
    }

    private async Task<bool> HandleActiveAsync(IDialog dialog, DialogState state, StoredDialog stored, TurnContext context, CancellationToken ct)
    {
        var text = context.Text;
        var promptId = context.Turn.PromptId;
        var step = StepOf(dialog, state.StepId)!;

        // Another feature's button (e.g. a Q&A card): not ours.
        if (promptId is not null && !DialogPromptIds.IsDialogPrompt(promptId))
            return false;
        if (DialogPromptIds.IsDialogPrompt(promptId) && promptId != state.PromptId)
        {
            var sameRun = promptId!.StartsWith($"{DialogPromptIds.Prefix}{state.DialogId}:{state.Instance}:", StringComparison.Ordinal);
            Show(dialog, state, context, sameRun
                ? "Ce bouton appartient à une question à laquelle vous avez déjà répondu : je ne l'ai pas compté une seconde fois. Voici la question en cours."
                : "Ce bouton ne fait pas partie de votre questionnaire en cours (il est ancien, ou c'est celui d'une autre personne) : je ne l'ai pas pris en compte. Voici votre question en cours.");
            return true;
        }

        if (FindStart(text) is { } start && promptId is null && StepPrompt(step, state).Kind != PromptKind.Text)
        {
            var lead = start.Id == dialog.Id
                ? $"Vous avez déjà commencé « {dialog.Title} » : reprenons où vous en étiez."
                : $"Vous êtes en train de répondre à « {dialog.Title} ». Terminez-le, mettez-le en pause (« pause ») ou annulez-le (« annuler ») avant de commencer autre chose.";
            Show(dialog, state, context, lead);
            return true;
        }

        if (state.Answers.Remove(CommandConfirmation.Key, out var typed))
        {
            if (CommandName(typed, context.Member) is { } name && CommandConfirmation.IsRun(text, typed, name))
                return await RunCommandAsync(dialog, state, stored, typed, context, ct);
            if (CommandConfirmation.IsKeep(text))
                return await AnswerAsync(dialog, state, stored, step, AnswerParser.Parse(StepPrompt(step, state), typed, NoFormValues, out _), context, ct);
            // Any other answer drops the question and is handled as usual.
            if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return true; }
            stored = stored with { Revision = stored.Revision + 1 };
        }
        if (state.Answers.Remove(CancelConfirmation.Key))
        {
            if (CancelConfirmation.IsYes(text)) return await CancelAsync(dialog, stored, context, ct);
            // Any other answer drops the question, so a later "oui" is not taken for it.
            if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return true; }
            stored = stored with { Revision = stored.Revision + 1 };
            if (CancelConfirmation.IsNo(text)) { Show(dialog, state, context, "Très bien, on continue."); return true; }
        }
        if (DialogWords.Is(text, DialogWords.Cancel))
        {
            var answered = CancelConfirmation.Answered(dialog, state);
            if (!dialog.ConfirmsCancel || answered == 0) return await CancelAsync(dialog, stored, context, ct);
            state.Answers[CancelConfirmation.Key] = "1";
            if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return true; }
            context.Send(CancelConfirmation.Ask(dialog, state, answered));
            return true;
        }
        if (DialogWords.Is(text, DialogWords.Pause))
        {
            state.Paused = true;
            if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return true; }
            context.Send(OutOfDialog.Paused(dialog));
            return true;
        }
        if (DialogWords.Is(text, DialogWords.Restart))
        {
            context.Say("On recommence depuis le début ; vos réponses précédentes à ce questionnaire sont effacées.");
            await StartAsync(dialog, context, stored.Revision, null, ct);
            return true;
        }
        if (DialogWords.Is(text, DialogWords.Help))
        {
            Show(dialog, state, context, DialogWords.HelpText);
            return true;
        }
        if (DialogWords.Is(text, DialogWords.Resume))
        {
            Show(dialog, state, context, "Votre questionnaire est déjà en cours : voici la question.");
            return true;
        }
        // Typed while an earlier question was on screen (sent before the reply to a previous message arrived): like a
        // second click on an answered card, it does not answer the question that came after.
        var shown = context.Turn.ShownPromptId;
        if (promptId is null && DialogPromptIds.IsDialogPrompt(shown) && shown != state.PromptId)
        {
            Show(dialog, state, context, "Votre message répondait à une question à laquelle vous aviez déjà répondu : je ne l'ai pas compté une seconde fois. Voici la question en cours.");
            return true;
        }

        if (DialogWords.Is(text, DialogWords.Back))
        {
            if (state.History.Count == 0)
            {
                Show(dialog, state, context, "Vous êtes à la première question : il n'y a pas de question précédente.");
                return true;
            }
            state.StepId = state.History[^1];
            state.History.RemoveAt(state.History.Count - 1);
            state.Sequence++;
            await SaveAndShowAsync(dialog, state, stored, context, PreviousAnswer(StepOf(dialog, state.StepId), state), ct);
            return true;
        }
        if (DialogWords.Is(text, DialogWords.Skip))
        {
            if (!step.CanSkip)
            {
                Show(dialog, state, context, "Cette étape ne peut pas être passée.");
                return true;
            }
            if (step.AnswerKey is { } key) { state.Answers.Remove(key); state.Answers.Remove(DialogState.NoteKey(key)); }
            await MoveOnAsync(dialog, state, stored, step, null, context, null, ct);
            return true;
        }

        var prompt = StepPrompt(step, state);
        // Free text that is also a command (« sessions », « supprimer mes données »): ask which one was meant.
        if (promptId is null && prompt.Kind == PromptKind.Text && AnswerParser.Match(prompt.Options, text) is null
            && CommandName(text, context.Member) is { } command)
        {
            state.Answers[CommandConfirmation.Key] = text;
            if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return true; }
            context.Send(CommandConfirmation.Ask(dialog, state, text, command));
            return true;
        }
        var answer = AnswerParser.Parse(prompt, text, context.Turn.FormValues, out var expected);
        // A typed aside (a question to the bot) where free text or no valid choice was expected.
        if (promptId is null && (answer is null || prompt.Kind == PromptKind.Text) && step.Aside?.Invoke(state, text) is { } aside)
        {
            await SaveAndShowAsync(dialog, state, stored, context, aside, ct);
            return true;
        }
        if (answer is null)
        {
            var lead = (context.Text.Length == 0 ? "Je n'ai pas reçu de réponse. " : "Je n'ai pas compris cette réponse. ") + expected
                       + " Pour faire autre chose entre-temps, tapez « pause ».";
            Show(dialog, state, context, lead);
            return true;
        }
        return await AnswerAsync(dialog, state, stored, step, answer, context, ct);
    }

    private async Task<bool> AnswerAsync(IDialog dialog, DialogState state, StoredDialog stored, DialogStep step, ParsedAnswer? answer,
        TurnContext context, CancellationToken ct)
    {
        if (answer is null)
        {
            Show(dialog, state, context, AnswerParser.Expected(StepPrompt(step, state)));
            return true;
        }
        if (step.AnswerKey is { } answerKey)
        {
            state.Answers[answerKey] = answer.Value;
            if (answer.Note is { } note) state.Answers[DialogState.NoteKey(answerKey)] = note;
            else state.Answers.Remove(DialogState.NoteKey(answerKey));
        }
        await MoveOnAsync(dialog, state, stored, step, answer.Value, context, answer.Notice, ct);
        return true;
    }

    /// <summary>
    /// The member meant the command: the dialog is paused, and the command is handled as if typed then — another
    /// dialog's start replaces this one, its own start resumes it, anything else goes on to the features after this one.
    /// </summary>
    private async Task<bool> RunCommandAsync(IDialog dialog, DialogState state, StoredDialog stored, string typed, TurnContext context, CancellationToken ct)
    {
        state.Paused = true;
        // The question's card goes stale: clicked again, it must not resume the dialog with the command as the answer.
        state.Sequence++;
        if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return true; }
        context.Reinterpret(typed);
        if (await HandlePausedAsync(dialog, state, stored with { Revision = stored.Revision + 1 }, context, null, ct)) return true;
        context.Send(OutOfDialog.Paused(dialog));
        return false;
    }

    private string? CommandName(string text, MemberInfo member) =>
        FindStart(text)?.Title ?? commands?.NameOf(text, member);

    private static readonly IReadOnlyDictionary<string, string> NoFormValues = new Dictionary<string, string>();

    private async Task<bool> CancelAsync(IDialog dialog, StoredDialog stored, TurnContext context, CancellationToken ct)
    {
        if (!await store.DeleteAsync(context.Member.Id, context.ConversationId, stored.Revision, ct)) { Conflict(context); return true; }
        context.Say(dialog.CancelledMessage);
        return true;
    }

    private async Task MoveOnAsync(IDialog dialog, DialogState state, StoredDialog stored, DialogStep step, string? value,
        TurnContext context, string? notice, CancellationToken ct)
    {
        var next = step.Next?.Invoke(state, value);
        if (next is null && state.ReturnTo is { } back && back != step.Id)
        {
            next = back;
            state.ReturnTo = null;
        }
        next ??= NextInOrder(dialog, step.Id);

        if (next is DialogStep.End or DialogStep.Cancel)
        {
            if (!await store.DeleteAsync(context.Member.Id, context.ConversationId, stored.Revision, ct)) { Conflict(context); return; }
            if (notice is not null) context.Say(notice);
            if (next == DialogStep.Cancel) context.Say(dialog.CancelledMessage);
            else await dialog.CompleteAsync(state, context, ct);
            return;
        }

        state.History.Add(step.Id);
        state.StepId = next;
        state.Sequence++;
        await SaveAndShowAsync(dialog, state, stored, context, notice, ct);
    }

    private async Task StartAsync(IDialog dialog, TurnContext context, long? replacingRevision, string? lead, CancellationToken ct)
    {
        if (dialog.PrivateOnly && context.Turn.IsGroup)
        {
            context.Privately().Say($"« {dialog.Title} » se fait en conversation privée : écrivez-moi en message direct.");
            return;
        }
        var state = new DialogState
        {
            DialogId = dialog.Id,
            Version = dialog.Version,
            StepId = dialog.Steps[0].Id,
            Answers = await dialog.PrepareAsync(context, ct),
            Instance = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant(),
            Sequence = 1,
            StartedAtUnixMs = context.Now.ToUnixTimeMilliseconds(),
        };
        state.Remember(context.Turn.MessageId);
        var json = DialogStateJson.Write(state);
        var saved = replacingRevision is { } revision
            ? await store.SaveAsync(context.Member.Id, context.ConversationId, dialog.Id, json, revision, ct)
            : await store.SaveAsync(context.Member.Id, context.ConversationId, dialog.Id, json, null, ct);
        if (!saved) { Conflict(context); return; }
        Show(dialog, state, context, lead);
    }

    private async Task SaveAndShowAsync(IDialog dialog, DialogState state, StoredDialog stored, TurnContext context, string? lead, CancellationToken ct)
    {
        if (!await SaveAsync(state, stored, context, ct)) { Conflict(context); return; }
        Show(dialog, state, context, lead);
    }

    private Task<bool> SaveAsync(DialogState state, StoredDialog stored, TurnContext context, CancellationToken ct)
    {
        state.Remember(context.Turn.MessageId);
        return store.SaveAsync(context.Member.Id, context.ConversationId, state.DialogId, DialogStateJson.Write(state), stored.Revision, ct);
    }

    private static void Show(IDialog dialog, DialogState state, TurnContext context, string? lead)
    {
        var step = StepOf(dialog, state.StepId)!;
        context.Send(PromptCards.Render(StepPrompt(step, state), step, state, state.History.Count > 0, lead));
    }

    private static void Conflict(TurnContext context) =>
        context.Say("Votre réponse est arrivée en même temps qu'une autre et n'a pas été prise en compte. Renvoyez-la si besoin : la question en cours reste affichée.");

    private static PromptSpec StepPrompt(DialogStep step, DialogState state) => step.Prompt(state);

    /// <summary>What « retour » shows above the question it goes back to: the answer given before, to keep or change.</summary>
    private static string PreviousAnswer(DialogStep? step, DialogState state)
    {
        if (step?.AnswerKey is not { } key) return "Voici la question précédente.";
        if (state.Get(key) is not { } value) return "Voici la question précédente : vous l'aviez passée.";
        var label = StepPrompt(step, state).Options.FirstOrDefault(o => o.Value == value)?.Label ?? value;
        label = TextCut.AtWord(label, 200);
        var note = state.Get(DialogState.NoteKey(key)) is { } n ? $" (note : {n})" : "";
        return $"Voici la question précédente. Vous aviez répondu : « {UserText.Escape(label)} »{UserText.Escape(note)}. Choisissez à nouveau, ou gardez votre réponse en la redonnant.";
    }

    private static DialogStep? StepOf(IDialog dialog, string id) => dialog.Steps.FirstOrDefault(s => s.Id == id);

    private static string NextInOrder(IDialog dialog, string id)
    {
        var steps = dialog.Steps;
        for (var i = 0; i < steps.Count - 1; i++)
            if (steps[i].Id == id) return steps[i + 1].Id;
        return DialogStep.End;
    }

    private IDialog? FindStart(string text) =>
        _dialogs.FirstOrDefault(d => d.StartCommands.Any(c => TextMatching.IsOneOf(text, c)));
}
