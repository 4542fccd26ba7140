"""Stage 5, analyse: aligned sentences -> findings. One module per concern:

coverage  additions (whole and partial) and omissions
numbers   numbers, quantities and dates: extraction and comparison
"""
