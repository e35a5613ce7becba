using System.Globalization;
using System.Text.RegularExpressions;

namespace Communaute.Knowledge.Understanding;

public enum SmallTalkKind { None, Greeting, Thanks, Goodbye, WhoAreYou, WhatCanYouDo, HowAreYou, AreYouHuman, Acknowledgement, Reaction, Laugh, Apology, Insult }

/// <summary>
/// Messages that are conversation, not questions ("ok merci", "qui es-tu ?", "👍", "bonne soirée !"): they get a short
/// answer of their own and never reach the knowledge search nor the curators' list. A message is small talk only when
/// all of it is: "merci, et c'est quoi le FISO ?" is a question.
/// </summary>
public static partial class SmallTalk
{
    /// <summary>Whole-message patterns (folded text, punctuation removed), first match wins.</summary>
    private static readonly (SmallTalkKind Kind, Regex Pattern)[] Patterns =
    [
        (SmallTalkKind.WhoAreYou, P(@"(qui|c ?est qui|quoi) (es ?tu|etes ?vous|tu es|vous etes|t es|est ce que tu es)( toi| vous)?|(tu es|vous etes|t es|t) qui( toi)?|c est qui( toi)?|qui est (ce|le) bot|tu t appelles? comment|comment tu t appelles?|comment vous appelez vous|ton nom|quel est ton nom|presente ?toi|presentez ?vous|who are you|what are you")),
        (SmallTalkKind.AreYouHuman, P(@"((tu es|t es|vous etes|es ?tu|etes ?vous|t) (un |une )?(humain|robot|bot|ia|intelligence artificielle|vrai|machine|personne|chatgpt|programme)( ou (un |une )?(humain|robot|bot|ia|intelligence artificielle|machine|personne))?)|are you (a )?(human|bot|robot|ai)|(c est|est ce) (un |une )?(humain|robot|bot|ia)")),
        (SmallTalkKind.WhatCanYouDo, P(@"(que|qu est ce que|quoi) (sais|peux|sait|savez|pouvez) (tu|vous)? ?faire|tu (sais|peux) faire quoi|tu sers a quoi|a quoi (tu sers|sers tu|servez vous)|vous servez a quoi|what can you do|tu fais quoi|que fais tu")),
        (SmallTalkKind.HowAreYou, P(@"((salut|bonjour|coucou|hello|hey|bonsoir|yo) )?(ca va|comment ca va|comment vas tu|comment allez vous|tu vas bien|vous allez bien|la forme|quoi de neuf|how are you|ca roule)( et toi| et vous| bien)?")),
        (SmallTalkKind.Thanks, P(@"((ok|okay|d accord|super|top|parfait|genial|cool|tres bien|bien|ah|oh|oui)( )?)*(un grand )?(merci|mercii+|merci beaucoup|merci bien|mille mercis?|thanks|thank you|thx|merci infiniment|je vous remercie|je te remercie|remerciements)( (beaucoup|bien|a toi|a vous|pour (ca|cela|tout|la reponse|l info|l information|votre aide|ton aide|ces informations)|c est (super|top|parfait|gentil|sympa)|bonne (journee|soiree)|au revoir|bye))*")),
        (SmallTalkKind.Goodbye, P(@"(ok |merci )?(au revoir|bye|bye bye|a (plus|\+|bientot|demain|la prochaine|tout a l heure|\+ tard)|a plus tard|ciao|tchao|bonne (journee|soiree|nuit|fin de journee|semaine|continuation|week ?end)|bonne soiree a (toi|vous)|see you|goodbye|good night)( a (toi|vous))?")),
        (SmallTalkKind.Greeting, P(@"(bonjour|salut|coucou|hello|hey|bonsoir|yo|hi|bjr|slt|re|rebonjour|bonjour a (toi|vous|tous))( (le bot|bot|toi|vous|a tous|tout le monde))?")),
        (SmallTalkKind.Apology, P(@"(pardon|desole|desolee|oups|excuse ?moi|excusez ?moi|sorry)")),
        (SmallTalkKind.Laugh, P(@"(lol|mdr|ptdr|haha+|hihi+|hehe+|ahah+|xd)")),
        (SmallTalkKind.Insult, P(@"(t es|tu es|vous etes|c est) (nul|nulle|bete|idiot|idiote|stupide|inutile|debile|con|conne)|(nul|inutile)")),
        (SmallTalkKind.Acknowledgement, P(@"(ok|okay|oki|okk|d accord|dac|daccord|ca marche|entendu|compris|c est note|note|parfait|super|genial|cool|top|tres bien|bien|bien recu|ah ok|ah d accord|oui|non|ouais|yes|no|nope|bof|pas mal|excellent|impeccable|nickel|bravo|chouette|merveilleux|wow|waouh|ah|oh|hmm+|euh+|ok cool|ok super|ok top|c est (super|top|parfait|genial|clair|bon|gentil|sympa))( (merci|super|top|cool))*")),
    ];

    private static Regex P(string pattern) => new("^(?:" + pattern + ")$", RegexOptions.CultureInvariant);

    public static SmallTalkKind Classify(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 80) return SmallTalkKind.None;
        if (OnlyEmojiOrSymbols(text)) return SmallTalkKind.Reaction;
        var words = Clean(text);
        if (words.Length == 0) return SmallTalkKind.None;
        foreach (var (kind, pattern) in Patterns)
            if (pattern.IsMatch(words)) return kind;
        return SmallTalkKind.None;
    }

    /// <summary>Folded, punctuation and emoji out, single spaces: "Salut, ça va ? 😀" → "salut ca va".</summary>
    private static string Clean(string text) => Spaces().Replace(NotWord().Replace(Folding.Fold(text).Replace('\'', ' ').Replace('-', ' '), " "), " ").Trim();

    /// <summary>"👍", "🙂🙏", ":)", "^^", "!!": a reaction, not a question.</summary>
    private static bool OnlyEmojiOrSymbols(string text)
    {
        var letters = 0;
        var symbols = 0;
        var e = StringInfo.GetTextElementEnumerator(text.Trim());
        while (e.MoveNext())
        {
            var element = (string)e.Current;
            if (element.Any(char.IsLetterOrDigit)) letters++;
            else if (!string.IsNullOrWhiteSpace(element)) symbols++;
        }
        if (letters > 0 || symbols == 0) return false;
        // "?" alone, or "..." alone, is a puzzled member, not a reaction: the knowledge side asks for more words.
        return !text.Trim().All(c => c is '?' or '.' or '!');
    }

    [GeneratedRegex(@"[^\p{L}\p{N}+ ]")]
    private static partial Regex NotWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
