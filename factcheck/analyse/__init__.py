"""Stage 5, analyse: aligned sentences -> findings. One module per concern:

coverage     additions (whole and partial) and omissions
numbers      numbers, quantities and dates: extraction and comparison
quotes       direct quotes: extraction, matching, alteration, unsourced quotes
attribution  who a claim or quote is attributed to, and changes to it
hedges       hedges and qualifiers: claims made surer or less sure
speech       what quotes, attribution and hedges share: quote marks, quote masking, speech cues
"""
