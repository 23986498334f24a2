# Turns a text file into a C++ source defining `const char* const NAME`, so the
# single binary carries it. Used as: cmake -DINPUT=... -DOUTPUT=... -DNAME=... -P embed_text.cmake
file(READ "${INPUT}" content)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\nnamespace cairn::app {\nextern const char* const ${NAME};\nconst char* const ${NAME} = R\"cairn(${content})cairn\";\n}  // namespace cairn::app\n")
