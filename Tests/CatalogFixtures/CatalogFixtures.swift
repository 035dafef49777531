import Foundation

/// The price map excerpt of `litellm/` (LiteLLM 1.110.2; see its README), beside this file.
public let priceMapExcerpt = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("litellm/prices-excerpt.json")

/// A catalog with every kind of difference from the excerpt, and odd layouts on purpose:
/// comments after values, a blank line, quoted and plain dates, a comment indented under a
/// model, a model written as a flow mapping, no newline at the end.
public let syncCatalog = """
    # A catalog for the sync tests: odd layouts on purpose.
    as_of: 2026-07-29
    models:
      gpt-4o:   # the workhorse
        provider: OpenAI
        input: 2.75        # wrong on purpose
        cached_input: 1.25
        output: 10.00
        as_of: 2025-07-04
        source: "openai.com/api/pricing; rate limits: tier 5"

      gpt-4-1:
        provider: OpenAI
        input: 2.00
        cached_input: 0.50
        output: 8.00
        retires: '2027-01-14'
        successor: gpt-4o
        as_of: 2026-01-01
        source: 'openai.com'
      deepseek-chat:
        provider: DeepSeek
        input: 0.27
        cached_input: 0.07
        output: 1.10
        retires: 2026-08-01
        as_of: 2025-07-12
        source: api-docs.deepseek.com
      # Matched through its litellm key.
      gemini-pro:
        provider: Google
        litellm: gemini/gemini-2.5-pro
        input: 1.25
        output: 10
          # an indented comment stays with the model
      claude-sonnet-4:
        provider: Anthropic
        input: 3.00
        output: 15.00
      haiku: {provider: Anthropic, litellm: claude-haiku-4-5, input: 1.00, cached_input: 0.10, output: 4.00, as_of: 2026-07-29, source: x}
    """

/// `syncCatalog` with the excerpt's values written in on 2026-11-30, worked out by hand:
/// gpt-4o's input 2.5e-06 per token is 2.5 per 1M, written with the old value's two decimals;
/// its deprecation date goes in before `as_of`; deepseek-chat's 2.8e-07, 2.8e-08 and 4.2e-07
/// per token are 0.28, 0.028 and 0.42 per 1M; gemini/gemini-2.5-pro's cache reads (1.25e-07,
/// 0.125 per 1M) go in after `input`, its date (2026-12-01), as_of and source after the
/// model's last line; haiku's output 5e-06 is 5.00. gpt-4-1 (as gpt-4.1) agrees everywhere;
/// claude-sonnet-4 is not in the map. Each changed source keeps what followed its first "; ".
public let syncedCatalog = """
    # A catalog for the sync tests: odd layouts on purpose.
    as_of: 2026-07-29
    models:
      gpt-4o:   # the workhorse
        provider: OpenAI
        input: 2.50        # wrong on purpose
        cached_input: 1.25
        output: 10.00
        retires: 2027-01-14
        as_of: 2026-11-30
        source: "LiteLLM price map 'gpt-4o'; rate limits: tier 5"

      gpt-4-1:
        provider: OpenAI
        input: 2.00
        cached_input: 0.50
        output: 8.00
        retires: '2027-01-14'
        successor: gpt-4o
        as_of: 2026-01-01
        source: 'openai.com'
      deepseek-chat:
        provider: DeepSeek
        input: 0.28
        cached_input: 0.028
        output: 0.42
        retires: 2026-07-24
        as_of: 2026-11-30
        source: LiteLLM price map 'deepseek-chat'
      # Matched through its litellm key.
      gemini-pro:
        provider: Google
        litellm: gemini/gemini-2.5-pro
        input: 1.25
        cached_input: 0.125
        output: 10
          # an indented comment stays with the model
        retires: 2026-12-01
        as_of: 2026-11-30
        source: "LiteLLM price map 'gemini/gemini-2.5-pro'"
      claude-sonnet-4:
        provider: Anthropic
        input: 3.00
        output: 15.00
      haiku: {provider: Anthropic, litellm: claude-haiku-4-5, input: 1.00, cached_input: 0.10, output: 5.00, as_of: 2026-11-30, source: LiteLLM price map 'claude-haiku-4-5'}
    """
